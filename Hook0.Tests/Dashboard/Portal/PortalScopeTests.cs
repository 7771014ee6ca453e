using System.Net.Http.Json;
using Hook0.Modules.Dashboard.Portal;
using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Tests.Infrastructure;
using Hook0.Tests.Organizations.PortalSessions;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Dashboard.Portal;

/// <summary>
/// The label scope, enforced on the server by what every portal page calls (<see cref="PortalOperations"/>): two
/// customers of one application each see and reach only their own endpoints and deliveries, by list and by guessed id,
/// through every action; what they create carries their labels whatever the form says; a read-only scope is refused
/// by the Datalog policy itself, even when a contract is sent directly with its caller.
/// </summary>
public sealed class PortalScopeTests : ApiTest
{
    private static PortalOperations Portal => ApiFixture.Factory.Services.GetRequiredService<PortalOperations>();

    [Test]
    public async Task Two_scopes_of_one_application_see_and_reach_only_their_own()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var bob = await ScopeAsync(world, "bob");

        var aliceEndpoint = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/hook"));
        var bobEndpoint = await Portal.CreateEndpointAsync(bob, Form(world.EventType, "https://bob.example/hook"));
        // The producer's own subscription, outside both scopes.
        var producer = (await new Scenario(Master()).SubscriptionAsync(world.ApplicationId, [world.EventType]))["subscription_id"]!.GetValue<Guid>();
        await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, new Dictionary<string, string> { ["tenant_id"] = "alice", ["env"] = "prod" });
        await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, new Dictionary<string, string> { ["tenant_id"] = "bob", ["env"] = "prod" });

        Assert.Multiple(() =>
        {
            Assert.That(aliceEndpoint.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["tenant_id"] = "alice" }), "the form's labels are replaced by the scope's");
            Assert.That(bobEndpoint.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["tenant_id"] = "bob" }));
        });
        Assert.That((await Portal.EndpointsAsync(alice)).Select(s => s.SubscriptionId), Is.EqualTo(new[] { aliceEndpoint.SubscriptionId }));
        Assert.That((await Portal.EndpointsAsync(bob)).Select(s => s.SubscriptionId), Is.EqualTo(new[] { bobEndpoint.SubscriptionId }));

        var aliceAttempts = (await Portal.AttemptsAsync(alice, aliceEndpoint.SubscriptionId, null)).Items;
        var bobAttempt = (await Portal.AttemptsAsync(bob, bobEndpoint.SubscriptionId, null)).Items.Single();
        Assert.That(aliceAttempts.Select(a => a.Subscription.SubscriptionId), Is.EqualTo(new[] { aliceEndpoint.SubscriptionId }), "alice's event reached alice's endpoint only");
        Assert.That((await Portal.AttemptAsync(alice, aliceAttempts[0].RequestAttemptId)).RequestAttemptId, Is.EqualTo(aliceAttempts[0].RequestAttemptId));

        // Bob's and the producer's ids, guessed by alice: not found through every read and action.
        foreach (var other in new[] { bobEndpoint.SubscriptionId, producer, Guid.NewGuid() })
        {
            await AssertNotFoundAsync(() => Portal.EndpointAsync(alice, other));
            await AssertNotFoundAsync(() => Portal.EditEndpointAsync(alice, other, Form(world.EventType, "https://evil.example/")));
            await AssertNotFoundAsync(() => Portal.SetPausedAsync(alice, other, true));
            await AssertNotFoundAsync(() => Portal.RotateSecretAsync(alice, other));
            await AssertNotFoundAsync(() => Portal.DeleteEndpointAsync(alice, other));
            await AssertNotFoundAsync(() => Portal.AttemptsAsync(alice, other, null));
            await AssertNotFoundAsync(() => Portal.DeadLettersAsync(alice, other, null));
        }

        await AssertNotFoundAsync(() => Portal.AttemptAsync(alice, bobAttempt.RequestAttemptId));
        await AssertNotFoundAsync(() => Portal.ResponseAsync(alice, bobAttempt));
        await AssertNotFoundAsync(() => Portal.RetryAsync(alice, bobAttempt.RequestAttemptId));
        var bobNow = await Portal.EndpointAsync(bob, bobEndpoint.SubscriptionId);
        Assert.Multiple(() =>
        {
            Assert.That(bobNow.Target.Url, Is.EqualTo("https://bob.example/hook"), "nothing of bob's changed");
            Assert.That(bobNow.IsPaused, Is.False);
        });
    }

    [Test]
    public async Task Another_applications_subscription_is_not_found_either()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var elsewhere = await new Scenario(Master()).TenantAsync("Elsewhere");
        var foreign = (await new Scenario(Master()).SubscriptionAsync(elsewhere.ApplicationId, [elsewhere.EventType],
            new Dictionary<string, string> { ["tenant_id"] = "alice" }))["subscription_id"]!.GetValue<Guid>();

        await AssertNotFoundAsync(() => Portal.EndpointAsync(alice, foreign));
        await AssertNotFoundAsync(() => Portal.DeleteEndpointAsync(alice, foreign));
    }

    [Test]
    public async Task Edits_keep_the_scope_labels_and_the_allowed_event_types()
    {
        var world = await WorldAsync();
        var other = await new Scenario(Master()).EventTypeAsync(world.ApplicationId, "billing", "invoice", "voided");
        var alice = await ScopeAsync(world, "alice", eventTypes: [world.EventType]);
        var created = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/hook"));

        var form = SubscriptionForm.From(created);
        form.Url = "https://alice.example/v2";
        form.Labels.Clear();
        form.Labels.Add(new KeyValueRow { Key = "tenant_id", Value = "bob" });
        var edited = await Portal.EditEndpointAsync(alice, created.SubscriptionId, form);
        Assert.Multiple(() =>
        {
            Assert.That(edited.Target.Url, Is.EqualTo("https://alice.example/v2"));
            Assert.That(edited.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["tenant_id"] = "alice" }));
        });

        Assert.That((await Portal.EventTypesAsync(alice)).Select(t => t.EventTypeName), Is.EqualTo(new[] { world.EventType }));
        var refused = Assert.ThrowsAsync<ProblemException>(() => Portal.CreateEndpointAsync(alice, Form(other, "https://alice.example/voided")));
        Assert.Multiple(() =>
        {
            Assert.That(refused!.Problem, Is.EqualTo(Problems.Validation));
            Assert.That(refused.Validation!.Keys, Does.Contain("event_types"));
        });
    }

    [Test]
    public async Task A_read_only_scope_reads_and_every_write_is_refused_even_past_the_portal()
    {
        var world = await WorldAsync();
        var writer = await ScopeAsync(world, "alice");
        var endpoint = await Portal.CreateEndpointAsync(writer, Form(world.EventType, "https://alice.example/hook"));
        var reader = await ScopeAsync(world, "alice", readOnly: true);

        var listed = await Portal.EndpointsAsync(reader);
        Assert.That(listed.Select(s => s.SubscriptionId), Is.EqualTo(new[] { endpoint.SubscriptionId }));
        Assert.That(listed[0].Secret, Is.Null, "a read-only portal is not shown the signing secret");

        await AssertForbiddenAsync(() => Portal.CreateEndpointAsync(reader, Form(world.EventType, "https://alice.example/2")));
        await AssertForbiddenAsync(() => Portal.SetPausedAsync(reader, endpoint.SubscriptionId, true));
        await AssertForbiddenAsync(() => Portal.DeleteEndpointAsync(reader, endpoint.SubscriptionId));
        await AssertForbiddenAsync(() => Portal.SendTestEventAsync(reader, world.EventType));

        // Straight to Delivery's contract with the read-only caller: the token's own action check refuses it.
        using var services = ApiFixture.Factory.Services.CreateScope();
        var sender = services.ServiceProvider.GetRequiredService<Mediator.ISender>();
        await AssertForbiddenAsync(() => sender.Send(new DeleteSubscriptionCommand(reader.Caller, endpoint.SubscriptionId, world.ApplicationId)).AsTask());
        await AssertForbiddenAsync(() => sender.Send(Form(world.EventType, "https://x.example/").ToCreate(reader.Caller, world.ApplicationId)).AsTask());
        Assert.That((await Portal.EndpointAsync(writer, endpoint.SubscriptionId)).IsPaused, Is.False, "nothing changed");
    }

    [Test]
    public async Task A_scope_holds_at_most_the_configured_number_of_endpoints()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var cap = new PortalOptions().MaxEndpointsPerScope;
        for (var i = 0; i < cap; i++)
        {
            await Portal.CreateEndpointAsync(alice, Form(world.EventType, $"https://alice.example/{i}"));
        }

        var refused = Assert.ThrowsAsync<ProblemException>(() => Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/one-more")));
        Assert.That(refused!.Problem, Is.EqualTo(Problems.TooManyPortalEndpoints));
        Assert.That((await Portal.EndpointsAsync(alice)).Count, Is.EqualTo(cap));
        Assert.That((await Portal.EndpointsAsync(await ScopeAsync(world, "bob"))).Count, Is.Zero, "another scope has its own cap");
    }

    [Test]
    public async Task Creations_racing_at_the_cap_let_exactly_one_through()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var cap = new PortalOptions().MaxEndpointsPerScope;
        for (var i = 0; i < cap - 1; i++)
        {
            await Portal.CreateEndpointAsync(alice, Form(world.EventType, $"https://alice.example/{i}"));
        }

        // Four creations at once for the one place left, each in its own scope as four requests would be.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<PortalOperations>().CreateEndpointAsync(alice, Form(world.EventType, $"https://alice.example/race-{i}"));
                return null;
            }
            catch (ProblemException e)
            {
                return e.Problem;
            }
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o is null), Is.EqualTo(1), "one creation takes the last place");
            Assert.That(outcomes.Where(o => o is not null), Is.All.EqualTo(Problems.TooManyPortalEndpoints));
            Assert.That((await Portal.EndpointsAsync(alice)).Count, Is.EqualTo(cap));
        });
    }

    [Test]
    public async Task A_test_event_reaches_the_scopes_endpoints_only()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var bob = await ScopeAsync(world, "bob");
        var aliceEndpoint = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/hook"));
        var bobEndpoint = await Portal.CreateEndpointAsync(bob, Form(world.EventType, "https://bob.example/hook"));

        await Portal.SendTestEventAsync(alice, world.EventType);
        Assert.That((await Portal.AttemptsAsync(alice, aliceEndpoint.SubscriptionId, null)).Items, Has.Count.EqualTo(1));
        Assert.That((await Portal.AttemptsAsync(bob, bobEndpoint.SubscriptionId, null)).Items, Is.Empty);
    }

    [Test]
    public async Task A_scope_replays_its_own_events_of_a_range_to_one_of_its_endpoints_after_a_count()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var bob = await ScopeAsync(world, "bob");
        var aliceEndpoint = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/hook"));
        var aliceOther = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/other"));
        var bobEndpoint = await Portal.CreateEndpointAsync(bob, Form(world.EventType, "https://bob.example/hook"));
        var from = DateTime.UtcNow.AddMinutes(-1);
        var aliceEvents = new[]
        {
            await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, new Dictionary<string, string> { ["tenant_id"] = "alice" }),
            await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, new Dictionary<string, string> { ["tenant_id"] = "alice", ["env"] = "prod" }),
        };
        await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, new Dictionary<string, string> { ["tenant_id"] = "bob" });
        var to = DateTime.UtcNow.AddMinutes(1);

        var counted = await Portal.ReplayAsync(alice, aliceEndpoint.SubscriptionId, from, to, dryRun: true);
        Assert.That((counted.MatchingEvents, counted.DryRun, counted.ReplayedEvents), Is.EqualTo((2, true, 0)), "alice's two events, not bob's");
        Assert.That((await Portal.AttemptsAsync(alice, aliceEndpoint.SubscriptionId, null)).Items, Has.Count.EqualTo(2), "a count sends nothing");

        var replayed = await Portal.ReplayAsync(alice, aliceEndpoint.SubscriptionId, from, to, dryRun: false);
        Assert.That(replayed.ReplayedEvents, Is.EqualTo(2));
        var attempts = (await Portal.AttemptsAsync(alice, aliceEndpoint.SubscriptionId, null)).Items;
        Assert.That(attempts.Select(a => a.EventId), Is.EquivalentTo(aliceEvents.Concat(aliceEvents)), "each of alice's events once more");
        Assert.That((await Portal.AttemptsAsync(alice, aliceOther.SubscriptionId, null)).Items, Has.Count.EqualTo(2), "her other endpoint got no replay");
        Assert.That((await Portal.AttemptsAsync(bob, bobEndpoint.SubscriptionId, null)).Items, Has.Count.EqualTo(1), "bob's endpoint got no replay");

        await AssertNotFoundAsync(() => Portal.ReplayAsync(alice, bobEndpoint.SubscriptionId, from, to, dryRun: true));
        var reader = await ScopeAsync(world, "alice", readOnly: true);
        await AssertForbiddenAsync(() => Portal.ReplayAsync(reader, aliceEndpoint.SubscriptionId, from, to, dryRun: true));
    }

    [Test]
    public async Task The_scope_log_pages_through_every_endpoint_of_the_scope_and_nothing_else()
    {
        var world = await WorldAsync();
        var alice = await ScopeAsync(world, "alice");
        var bob = await ScopeAsync(world, "bob");
        Assert.That((await Portal.ScopeAttemptsAsync(alice, null)).Items, Is.Empty, "no endpoint yet");
        var first = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/first"));
        var second = await Portal.CreateEndpointAsync(alice, Form(world.EventType, "https://alice.example/second"));
        var bobEndpoint = await Portal.CreateEndpointAsync(bob, Form(world.EventType, "https://bob.example/hook"));
        await new Scenario(Master()).SubscriptionAsync(world.ApplicationId, [world.EventType]); // the producer's own
        var labels = new Dictionary<string, string> { ["tenant_id"] = "alice" };
        for (var i = 0; i < 30; i++)
        {
            await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, labels);
        }

        await new Scenario(Master()).IngestAsync(world.ApplicationId, world.EventType, new Dictionary<string, string> { ["tenant_id"] = "bob" });

        var firstPage = await Portal.ScopeAttemptsAsync(alice, null);
        Assert.That(firstPage.NextCursor, Is.Not.Null, "60 attempts: more than a page");
        var secondPage = await Portal.ScopeAttemptsAsync(alice, firstPage.NextCursor);
        var listed = firstPage.Items.Concat(secondPage.Items).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firstPage.Items, Has.Count.EqualTo(ListRequestAttemptsQuery.PageSize));
            Assert.That(secondPage.NextCursor, Is.Null);
            Assert.That(listed.Select(a => a.RequestAttemptId).Distinct().Count(), Is.EqualTo(60), "each of alice's attempts once");
            Assert.That(listed.Select(a => a.Subscription.SubscriptionId).Distinct(), Is.EquivalentTo(new[] { first.SubscriptionId, second.SubscriptionId }));
            Assert.That(listed.Select(a => a.CreatedAt), Is.Ordered.Descending, "newest first across endpoints");
        });
        Assert.That((await Portal.ScopeAttemptsAsync(bob, null)).Items.Select(a => a.Subscription.SubscriptionId), Is.EqualTo(new[] { bobEndpoint.SubscriptionId }));
    }

    [Test]
    public async Task The_portal_catalog_is_an_asyncapi_document_of_the_scopes_event_types_only()
    {
        var world = await WorldAsync();
        var other = await new Scenario(Master()).EventTypeAsync(world.ApplicationId, "billing", "invoice", "voided");
        var narrowed = await ScopeAsync(world, "alice", eventTypes: [world.EventType]);
        var everything = await ScopeAsync(world, "bob");

        var json = System.Text.Json.Nodes.JsonNode.Parse((await Portal.EventCatalogAsync(narrowed, EventCatalogFormat.Json)).Text)!;
        var messages = json["components"]!["messages"]!.AsObject().Select(m => m.Value!["name"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(json["asyncapi"]!.GetValue<string>(), Is.EqualTo("3.0.0"));
            Assert.That(messages, Is.EqualTo(new[] { world.EventType }), "only the scope's allowed type");
        });
        var all = System.Text.Json.Nodes.JsonNode.Parse((await Portal.EventCatalogAsync(everything, EventCatalogFormat.Json)).Text)!;
        Assert.That(all["components"]!["messages"]!.AsObject().Select(m => m.Value!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { world.EventType, other }));
        var yaml = await Portal.EventCatalogAsync(everything, EventCatalogFormat.Yaml);
        Assert.Multiple(() =>
        {
            Assert.That(yaml.FileName, Is.EqualTo("asyncapi.yaml"));
            Assert.That(yaml.Text, Does.StartWith("asyncapi: \"3.0.0\""));
        });
    }

    internal static SubscriptionForm Form(string eventType, string url) => new() { Url = url, EventTypes = [eventType], Description = "mine" };

    internal static async Task<World> WorldAsync()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var token = (await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "backend" }))["biscuit"]!.GetValue<string>();
        return new World(tenant.ApplicationId, tenant.EventType, token);
    }

    internal static async Task<PortalScope> ScopeAsync(World world, string tenant, bool readOnly = false, string[]? eventTypes = null)
    {
        var created = await As(world.Token).PostAsJsonAsync("/api/v1/portal_sessions", new
        {
            application_id = world.ApplicationId,
            labels = new Dictionary<string, string> { ["tenant_id"] = tenant },
            read_only = readOnly,
            event_types = eventTypes ?? [],
        });
        var url = (await JsonAsync(created))["url"]!.GetValue<string>();
        var opened = await PortalSessionTests.SendAsync(new ExchangePortalLinkCommand(world.ApplicationId, PortalSessionTests.LinkToken(url)));
        return (await PortalSessionTests.SendAsync(new ResumePortalSessionQuery(world.ApplicationId, opened.Secret!)))!;
    }

    private static Task AssertNotFoundAsync(Func<Task> action) => AssertRefusedAsync(action, Problems.NotFound);

    private static Task AssertForbiddenAsync(Func<Task> action) => AssertRefusedAsync(action, Problems.Forbidden);

    private static async Task AssertRefusedAsync(Func<Task> action, Problem problem)
    {
        try
        {
            await action();
        }
        catch (ProblemException e)
        {
            Assert.That(e.Problem, Is.EqualTo(problem), e.Detail);
            return;
        }

        Assert.Fail($"expected {problem.Id}");
    }

    internal sealed record World(Guid ApplicationId, string EventType, string Token);
}
