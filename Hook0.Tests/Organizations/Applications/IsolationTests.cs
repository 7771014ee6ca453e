using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Applications;

/// <summary>
/// An application secret reaches its own application and nothing else: not another application of
/// the same organization, not another tenant's, whether by listing or by naming ids.
/// </summary>
public sealed class IsolationTests : ApiTest
{
    public static IEnumerable<TestCaseData> ForeignRequests()
    {
        yield return Request("GET", "/api/v1/applications/{app}");
        yield return Request("PUT", "/api/v1/applications/{app}", """{"organization_id":"{org}","name":"Stolen"}""");
        yield return Request("DELETE", "/api/v1/applications/{app}");
        yield return Request("GET", "/api/v1/applications?organization_id={org}");
        yield return Request("GET", "/api/v1/application_secrets?application_id={app}");
        yield return Request("POST", "/api/v1/application_secrets", """{"application_id":"{app}","name":"mine"}""");
        yield return Request("PUT", "/api/v1/application_secrets/{secret}", """{"application_id":"{app}","name":"mine"}""");
        yield return Request("DELETE", "/api/v1/application_secrets/{secret}?application_id={app}");
        yield return Request("GET", "/api/v1/event_types?application_id={app}");
        yield return Request("POST", "/api/v1/event_types", """{"application_id":"{app}","service":"a","resource_type":"b","verb":"c"}""");
        yield return Request("GET", "/api/v1/event_types/{type}?application_id={app}");
        yield return Request("DELETE", "/api/v1/event_types/{type}?application_id={app}");
        yield return Request("GET", "/api/v1/subscriptions?application_id={app}");
        yield return Request("GET", "/api/v1/subscriptions/{sub}");
        yield return Request("POST", "/api/v1/subscriptions", """{"application_id":"{app}","is_enabled":true,"event_types":["{type}"],"labels":{"a":"b"},"target":{"type":"http","method":"POST","url":"https://evil.example/x","headers":{}}}""");
        yield return Request("PUT", "/api/v1/subscriptions/{sub}", """{"application_id":"{app}","is_enabled":false,"event_types":["{type}"],"labels":{"a":"b"},"target":{"type":"http","method":"POST","url":"https://evil.example/x","headers":{}}}""");
        yield return Request("DELETE", "/api/v1/subscriptions/{sub}?application_id={app}");
        yield return Request("GET", "/api/v1/organizations/{org}");
    }

    private static TestCaseData Request(string method, string url, string? body = null)
        => new TestCaseData(method, url, body).SetArgDisplayNames(method, url);

    [TestCaseSource(nameof(ForeignRequests))]
    public async Task A_secret_cannot_reach_another_tenants_application(string method, string url, string? body)
        => await AssertRefusedAsync(method, url, body, sameOrganization: false);

    [TestCaseSource(nameof(ForeignRequests))]
    public async Task A_secret_cannot_reach_a_sibling_application(string method, string url, string? body)
        => await AssertRefusedAsync(method, url, body, sameOrganization: true);

    private static async Task AssertRefusedAsync(string method, string url, string? body, bool sameOrganization)
    {
        var scenario = new Scenario(Master());
        var attacker = await scenario.TenantAsync("Attacker");
        var victim = sameOrganization
            ? await SiblingAsync(scenario, attacker)
            : await scenario.TenantAsync("Victim");
        var subscription = await scenario.SubscriptionAsync(victim.ApplicationId, [victim.EventType]);
        var before = await SnapshotAsync();

        string Fill(string s) => s.Replace("{app}", victim.ApplicationId.ToString(), StringComparison.Ordinal)
            .Replace("{org}", victim.OrganizationId.ToString(), StringComparison.Ordinal)
            .Replace("{secret}", victim.Secret, StringComparison.Ordinal)
            .Replace("{type}", victim.EventType, StringComparison.Ordinal)
            .Replace("{sub}", subscription["subscription_id"]!.GetValue<string>(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(url));
        if (body is not null)
        {
            request.Content = RawJson(Fill(body));
        }

        await AssertProblemAsync(await As(attacker.Secret).SendAsync(request), 403, "Forbidden");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "a refused request changes nothing");
    }

    private static async Task<Tenant> SiblingAsync(Scenario scenario, Tenant attacker)
    {
        var app = await scenario.ApplicationAsync(attacker.OrganizationId, "Sibling");
        return new Tenant(attacker.OrganizationId, app, await scenario.SecretAsync(app), await scenario.EventTypeAsync(app));
    }

    private static async Task<string> SnapshotAsync()
        => await Database.ScalarAsync<string>("""
            SELECT concat_ws('|',
              (SELECT string_agg(name || coalesce(deleted_at::text, ''), ',' ORDER BY name) FROM iam.application),
              (SELECT string_agg(coalesce(name, '') || coalesce(deleted_at::text, ''), ',' ORDER BY application_secret_id) FROM iam.application_secret),
              (SELECT string_agg(event_type_name || coalesce(deactivated_at::text, ''), ',' ORDER BY event_type_name) FROM event.event_type),
              (SELECT string_agg(target_url || is_enabled || coalesce(deleted_at::text, ''), ',' ORDER BY subscription_id) FROM webhook.subscription))
            """) ?? string.Empty;
}
