using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Hook0.Tests.Kernel;

namespace Hook0.Tests.Organizations.Access;

/// <summary>
/// The role matrix: every protected route against every kind of caller — editor, viewer, service
/// token, master key, application secret, and an outsider organization's editor and service token —
/// allowed or refused as upstream's policy says, never a 500. Allowed calls must succeed (their
/// bodies are well-formed), refused ones are 403 problems that change nothing.
/// </summary>
public sealed class RoleMatrixTests : ApiTest
{
    public static IEnumerable<TestCaseData> Routes() => RouteTable.All.Select(r => new TestCaseData(r).SetName(r.Key));

    [TestCaseSource(nameof(Routes))]
    public async Task Route_allows_and_refuses_each_kind_of_caller(MatrixRoute route)
    {
        var master = Master();
        var world = await AccessWorld.CreateAsync(master);
        foreach (var credential in Enum.GetValues<Credential>())
        {
            var (url, body) = await route.Build(world, master, credential);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await As(world.Bearers[credential]).SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (route.Allows(credential))
            {
                Assert.That(route.Statuses, Does.Contain(status), $"{route.Key} as {credential} must be allowed: {status} {text}");
            }
            else if (route.RefusesPerItem)
            {
                Assert.That(status, Is.EqualTo(207), text);
                Assert.That(JsonNode.Parse(text)![0]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("Forbidden"), $"{route.Key} as {credential} must be refused: {text}");
            }
            else
            {
                Assert.That(status, Is.EqualTo(403), $"{route.Key} as {credential} must be refused: {text}");
                Assert.That(JsonNode.Parse(text)!["id"]!.GetValue<string>(), Is.EqualTo("Forbidden"));
            }
        }

        // A bad token is refused before anything else, never a 500.
        foreach (var bad in new[] { "garbage", world.Bearers[Credential.ServiceToken][..^8] + "AAAAAAAA", Guid.NewGuid().ToString() })
        {
            var (url, body) = await route.Build(world, master, Credential.Master);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = body is null ? null : JsonContent.Create(body) };
            await AssertProblemAsync(await As(bad).SendAsync(request), 403, "AuthInvalidBiscuit");
        }
    }

    [Test]
    public void The_matrix_covers_every_protected_route()
    {
        var protectedRoutes = AnonymousAccessTests.ApiRoutes()
            .Select(c => (Method: (string)c.Arguments[0]!, Pattern: (string)c.Arguments[1]!, IsPublic: (bool)c.Arguments[2]!))
            .Where(r => !r.IsPublic)
            // The hook0 listen hub: a WebSocket, authorized per subscription in its Listen method (CliDeliveryTests covers it).
            .Where(r => !r.Pattern.StartsWith("/api/v1/cli/listen", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Pattern}")
            .ToHashSet();
        Assert.That(RouteTable.All.Select(r => r.Key).ToHashSet(), Is.EquivalentTo(protectedRoutes));
    }

    [Test]
    public async Task Ids_guessed_from_another_tenant_reveal_and_change_nothing()
    {
        var master = Master();
        var world = await AccessWorld.CreateAsync(master);
        var outsider = As(world.Bearers[Credential.OutsiderEditor]);
        var before = await CountsAsync();
        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"/api/v1/subscriptions/{world.SubscriptionId}", null),
            (HttpMethod.Put, $"/api/v1/subscriptions/{world.SubscriptionId}", SubscriptionBody(world.ApplicationId, world.EventType)),
            (HttpMethod.Delete, $"/api/v1/subscriptions/{world.SubscriptionId}?application_id={world.ApplicationId}", null),
            (HttpMethod.Get, $"/api/v1/events/{world.EventId}?application_id={world.ApplicationId}", null),
            (HttpMethod.Get, $"/api/v1/request_attempts/{world.AttemptId}?application_id={world.ApplicationId}", null),
            (HttpMethod.Post, "/api/v1/event", Scenario.Event(world.ApplicationId, world.EventType)),
            (HttpMethod.Delete, $"/api/v1/applications/{world.ApplicationId}", null),
            (HttpMethod.Put, $"/api/v1/organizations/{world.OrganizationId}", new { name = "Taken over" }),
            (HttpMethod.Post, $"/api/v1/organizations/{world.OrganizationId}/invite", new { email = "outsider@example.com", role = "editor" }),
            (HttpMethod.Get, $"/api/v1/service_token?organization_id={world.OrganizationId}", null),
        };
        foreach (var (method, url, body) in attempts)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await outsider.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.AnyOf(403, 404), $"{method} {url}: {text}");
            Assert.That(text, Does.Not.Contain(world.EventType).And.Not.Contain("Billing"), "nothing of the other tenant leaks");
        }

        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    internal static object SubscriptionBody(Guid applicationId, string eventType) => new
    {
        application_id = applicationId,
        is_enabled = true,
        event_types = new[] { eventType },
        labels = new Dictionary<string, string> { ["env"] = "test" },
        target = new { type = "http", method = "POST", url = "https://example.com/hook", headers = new Dictionary<string, string>() },
    };

    private static async Task<string> CountsAsync()
        => string.Join(",", await Task.WhenAll(
            new[] { "iam.organization", "iam.user__organization", "iam.application", "event.event", "webhook.subscription", "webhook.delivery_queue", "webhook.attempt" }
                .Select(async t => $"{t}={await Database.ScalarAsync<long>($"SELECT count(*) FROM {t}")}")))
            + (await Database.ScalarAsync<string>("SELECT string_agg(name, ',' ORDER BY name) FROM iam.organization"));
}
