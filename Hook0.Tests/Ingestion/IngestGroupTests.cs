using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Biscuit;
using Hook0.Biscuit.Crypto;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// What the lean ingest route (issue #21) could get wrong inside a group commit: the daily quota is decided once
/// per group and application, authorization verdicts are kept between requests. A batch is one group (a request is
/// never split); concurrent single requests share groups whenever the writers are busy, and each must get the
/// answer it would get alone.
/// </summary>
public sealed class IngestGroupTests : ApiTest
{
    private static readonly Dictionary<string, string?> Quotas = new()
    {
        ["ENABLE_QUOTA_ENFORCEMENT"] = "true",
        ["QUOTA_GLOBAL_EVENTS_PER_DAY_LIMIT"] = "100",
    };

    [Test]
    public async Task A_group_mixing_two_applications_refuses_only_the_events_over_the_full_ones_quota()
    {
        await using var host = new Hook0Factory(Database, Quotas);
        var master = HostMaster(host);
        var scenario = new Scenario(master);
        var full = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Other");
        await Database.ExecuteAsync($"UPDATE iam.application SET events_per_day_limit = 2 WHERE application_id = '{full.ApplicationId}'");
        var items = new JsonArray(
            Item(full), Item(other), Item(full), Item(other), Item(full), Item(full));

        var results = (await JsonAsync(await master.PostAsync("/api/v1/events/batch", RawJson(items.ToJsonString())))).AsArray();

        Assert.That(results.Select(r => r!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 201, 201, 201, 429, 429 }));
        Assert.That(results[4]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("TooManyEventsToday"));
        Assert.That(results[4]!["body"]!["detail"]!.GetValue<string>(), Does.Contain("The limit is 2 events per day."));
        Assert.That(await CountAsync($"SELECT count(*) FROM event.event WHERE application_id = '{full.ApplicationId}'"), Is.EqualTo(2));
        Assert.That(await CountAsync($"SELECT count(*) FROM event.event WHERE application_id = '{other.ApplicationId}'"), Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_requests_never_take_more_than_the_room_left_today()
    {
        await using var host = new Hook0Factory(Database, Quotas);
        var master = HostMaster(host);
        var scenario = new Scenario(master);
        var full = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Other");
        await Database.ExecuteAsync($"UPDATE iam.application SET events_per_day_limit = 3 WHERE application_id = '{full.ApplicationId}'");

        var toFull = Enumerable.Range(0, 12).Select(_ => master.PostAsJsonAsync("/api/v1/event", Scenario.Event(full.ApplicationId, full.EventType)));
        var toOther = Enumerable.Range(0, 6).Select(_ => master.PostAsJsonAsync("/api/v1/event", Scenario.Event(other.ApplicationId, other.EventType)));
        var responses = await Task.WhenAll(toFull.Concat(toOther));

        Assert.That(responses.Take(12).Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(3), "before: every request read the same count, and all 12 passed");
        Assert.That(responses.Take(12).Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(9));
        Assert.That(responses.Skip(12).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        await AssertProblemAsync(responses.Take(12).First(r => r.StatusCode == HttpStatusCode.TooManyRequests), 429, "TooManyEventsToday");
        Assert.That(await CountAsync("SELECT count(*) FROM event.event"), Is.EqualTo(3 + 6));
    }

    [Test]
    public async Task A_repeated_id_in_a_group_is_a_409_and_takes_no_room_of_the_quota()
    {
        await using var host = new Hook0Factory(Database, Quotas);
        var master = HostMaster(host);
        var tenant = await new Scenario(master).TenantAsync();
        await Database.ExecuteAsync($"UPDATE iam.application SET events_per_day_limit = 2 WHERE application_id = '{tenant.ApplicationId}'");
        var id = Guid.NewGuid();
        var items = new JsonArray(Item(tenant, id), Item(tenant, id), Item(tenant), Item(tenant));

        var results = (await JsonAsync(await master.PostAsync("/api/v1/events/batch", RawJson(items.ToJsonString())))).AsArray();

        Assert.That(results.Select(r => r!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 409, 201, 429 }));
        Assert.That(results[1]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("EventAlreadyIngested"));
        Assert.That(await CountAsync("SELECT count(*) FROM event.event"), Is.EqualTo(2));
    }

    [Test]
    public async Task An_id_already_stored_gives_its_room_back()
    {
        await using var host = new Hook0Factory(Database, Quotas);
        var master = HostMaster(host);
        var tenant = await new Scenario(master).TenantAsync();
        await Database.ExecuteAsync($"UPDATE iam.application SET events_per_day_limit = 2 WHERE application_id = '{tenant.ApplicationId}'");
        var id = Guid.NewGuid();
        Assert.That((await master.PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: id))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));

        await AssertProblemAsync(await master.PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: id)), 409, "EventAlreadyIngested");
        var last = await master.PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType));

        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the 409 took no room: the second event still fits");
        await AssertProblemAsync(await master.PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType)), 429, "TooManyEventsToday");
    }

    [Test]
    public async Task Concurrent_requests_with_one_id_store_it_once_beside_other_events()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var id = Guid.NewGuid();
        var same = Enumerable.Range(0, 8).Select(_ => As(tenant.Secret).PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: id)));
        var distinct = Enumerable.Range(0, 8).Select(_ => As(tenant.Secret).PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType)));

        var responses = await Task.WhenAll(same.Concat(distinct));

        Assert.That(responses.Take(8).Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Take(8).Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(7));
        Assert.That(responses.Skip(8).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(await CountAsync("SELECT count(*) FROM event.event"), Is.EqualTo(9));
        Assert.That(await CountAsync("SELECT count(*) FROM webhook.delivery_queue"), Is.EqualTo(9), "each stored event has its attempt");
    }

    [Test]
    public async Task A_schema_failure_in_a_group_refuses_only_its_event()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await PostJsonAsync(Master(), "/api/v1/event_types", new
        {
            application_id = tenant.ApplicationId, service = "shop", resource_type = "order", verb = "placed",
            schema = JsonNode.Parse("""{"type":"object","required":["amount"],"properties":{"amount":{"type":"integer"}}}"""),
        });
        const string Typed = "shop.order.placed";
        var items = new JsonArray(
            Item(tenant, type: Typed, payload: """{"amount":1}"""), Item(tenant, type: Typed, payload: """{"amount":"one"}"""), Item(tenant));

        var results = (await JsonAsync(await Master().PostAsync("/api/v1/events/batch", RawJson(items.ToJsonString())))).AsArray();
        var singles = await Task.WhenAll(
            Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, Typed, payload: """{"amount":2}""")),
            Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, Typed, payload: "{}")),
            Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType)));

        Assert.That(results.Select(r => r!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 422, 201 }));
        Assert.That(results[1]!["body"]!["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("payload-schema"));
        Assert.That(singles[0].StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var problem = await AssertProblemAsync(singles[1], 422, "Validation");
        Assert.That(problem["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("payload-schema"));
        Assert.That(singles[2].StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await CountAsync("SELECT count(*) FROM event.event"), Is.EqualTo(4));
    }

    [Test]
    public async Task Invalid_and_revoked_tokens_among_concurrent_requests_are_refused_and_the_others_stored()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var created = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "producer" });
        var token = created["biscuit"]!.GetValue<string>();
        Assert.That((await As(token).PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created), "the token's verdict is now kept");
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/service_token/{created["token_id"]}?organization_id={tenant.OrganizationId}")).StatusCode, Is.EqualTo(204));

        var revoked = Enumerable.Range(0, 4).Select(_ => As(token).PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType)));
        var invalid = Enumerable.Range(0, 4).Select(_ => As(token[..^4] + "AAAA").PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType)));
        var valid = Enumerable.Range(0, 8).Select(_ => As(tenant.Secret).PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType)));
        var responses = await Task.WhenAll(revoked.Concat(invalid).Concat(valid));

        foreach (var refused in responses.Take(8))
        {
            await AssertProblemAsync(refused, 403, "AuthInvalidBiscuit");
        }

        Assert.That(responses.Skip(8).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(await CountAsync("SELECT count(*) FROM event.event"), Is.EqualTo(1 + 8));
    }

    [Test]
    public async Task A_kept_verdict_is_dropped_when_its_root_token_is_revoked()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var created = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "producer" });
        var text = created["biscuit"]!.GetValue<string>();
        var decisions = ApiFixture.Factory.Services.GetRequiredService<AuthorizationDecisions>();
        var token = BiscuitToken.Parse(text, KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey).PublicKey);
        var caller = new Caller(CallerKind.ServiceToken, tenant.OrganizationId) { Token = token, RevocationId = token.RevocationIds[0] };
        var access = new Access(caller, Actions.EventIngest, ApplicationId: tenant.ApplicationId);
        Assert.That(decisions.WasAllowed(token, access, tenant.OrganizationId, DateTimeOffset.UtcNow), Is.False, "nothing kept before the first request");

        // The set-up's own cache notifications (the new token, the tenant) arrive after their commits and may drop a
        // verdict kept just before: a later request keeps it again. Without keeping, no number of requests would.
        var kept = false;
        for (var i = 0; i < 20 && !kept; i++)
        {
            Assert.That((await As(text).PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            kept = decisions.WasAllowed(token, access, tenant.OrganizationId, DateTimeOffset.UtcNow);
            if (!kept)
            {
                await Task.Delay(100);
            }
        }

        Assert.That(kept, Is.True, "the allowed verdict is kept");

        await Master().DeleteAsync($"/api/v1/service_token/{created["token_id"]}?organization_id={tenant.OrganizationId}");

        // The revocation reaches the cache through the cache channel's NOTIFY, delivered after the revoking commit.
        var dropped = false;
        for (var i = 0; i < 100 && !dropped; i++)
        {
            dropped = !decisions.WasAllowed(token, access, tenant.OrganizationId, DateTimeOffset.UtcNow);
            if (!dropped)
            {
                await Task.Delay(50);
            }
        }

        Assert.That(dropped, Is.True, "the revoked token's verdicts are gone");
    }

    private static HttpClient HostMaster(Hook0Factory host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Hook0Factory.MasterKey);
        return client;
    }

    private static JsonNode Item(Tenant tenant, Guid? id = null, string? type = null, string payload = "{\"test\":true}")
        => System.Text.Json.JsonSerializer.SerializeToNode(Scenario.Event(tenant.ApplicationId, type ?? tenant.EventType, payload: payload, eventId: id))!;

    private static Task<long> CountAsync(string sql) => Database.ScalarAsync<long>(sql);
}
