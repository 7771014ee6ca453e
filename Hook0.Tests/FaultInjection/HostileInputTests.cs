using System.Text;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.FaultInjection;

/// <summary>Malformed, mistyped and oversized input on every management route: never a 5xx, never a written row.</summary>
public sealed class HostileInputTests : ApiTest
{
    private static readonly string[] WriteRoutes =
    [
        "POST /api/v1/organizations", "PUT /api/v1/organizations/{org}", "POST /api/v1/applications", "PUT /api/v1/applications/{app}",
        "POST /api/v1/application_secrets", "PUT /api/v1/application_secrets/{secret}", "POST /api/v1/event_types",
        "POST /api/v1/subscriptions", "PUT /api/v1/subscriptions/{sub}",
        "POST /api/v1/event", "POST /api/v1/events/batch", "POST /api/v1/events/replay", "POST /api/v1/events/{event}/replay",
    ];

    private static readonly byte[][] Bodies =
    [
        [],
        "{"u8.ToArray(),
        "null"u8.ToArray(),
        "[]"u8.ToArray(),
        "\"text\""u8.ToArray(),
        "{\"application_id\":\"not-a-uuid\",\"organization_id\":\"nope\",\"name\":\"x\"}"u8.ToArray(),
        "{\"application_id\":123,\"organization_id\":true,\"name\":[]}"u8.ToArray(),
        "{\"name\":\"\\u0000\\u0001'; DROP TABLE iam.organization; --\"}"u8.ToArray(),
        "{\"name\":\"<script>alert(document.cookie)</script><script>alert(1)</script>\",\"application_id\":\"00000000-0000-0000-0000-000000000000\"}"u8.ToArray(),
        [0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], // invalid UTF-8 inside a string
        Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200)),
        Encoding.UTF8.GetBytes("{\"is_enabled\":\"yes\",\"event_types\":{},\"target\":[],\"labels\":{\"a\":1}}"),
        Encoding.UTF8.GetBytes("{\"is_enabled\":true,\"event_types\":[null],\"target\":{\"type\":\"http\",\"method\":\"POST\",\"url\":\"https://x.example\",\"headers\":{\"a\":null}},\"labels\":{\"a\":null}}"),
    ];

    public static IEnumerable<TestCaseData> Cases()
        => from route in WriteRoutes
           from body in Enumerable.Range(0, Bodies.Length)
           select new TestCaseData(route, body).SetArgDisplayNames(route, $"body{body}");

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_body_is_a_client_error_and_changes_nothing(string route, int bodyIndex)
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var subscription = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var eventId = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        var before = await CountsAsync();
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var url = template.Replace("{org}", tenant.OrganizationId.ToString(), StringComparison.Ordinal)
            .Replace("{app}", tenant.ApplicationId.ToString(), StringComparison.Ordinal)
            .Replace("{secret}", tenant.Secret, StringComparison.Ordinal)
            .Replace("{sub}", subscription["subscription_id"]!.GetValue<string>(), StringComparison.Ordinal)
            .Replace("{event}", eventId.ToString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new ByteArrayContent(Bodies[bodyIndex]) { Headers = { ContentType = new("application/json") } },
        };
        var response = await Master().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.InRange(400, 499), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    [TestCase("/api/v1/applications?organization_id=%00")]
    [TestCase("/api/v1/applications?organization_id=' OR 1=1 --")]
    [TestCase("/api/v1/event_types?application_id=")]
    [TestCase("/api/v1/event_types/%2e%2e%2f?application_id=00000000-0000-0000-0000-000000000000")]
    [TestCase("/api/v1/subscriptions?application_id[]=1")]
    [TestCase("/api/v1/subscriptions/00000000-0000-0000-0000-00000000000g")]
    [TestCase("/api/v1/application_secrets?application_id=00000000-0000-0000-0000-000000000000")]
    [TestCase("/api/v1/events?application_id=00000000-0000-0000-0000-000000000000&limit=-1")]
    [TestCase("/api/v1/events?application_id=x")]
    [TestCase("/api/v1/events/not-a-uuid?application_id=00000000-0000-0000-0000-000000000000")]
    [TestCase("/api/v1/request_attempts?application_id=00000000-0000-0000-0000-000000000000&min_created_at=yesterday")]
    [TestCase("/api/v1/request_attempts?application_id=00000000-0000-0000-0000-000000000000&pagination_cursor=eyJkYXRlIjoxfQ==")]
    [TestCase("/api/v1/responses/00000000-0000-0000-0000-000000000000")]
    [TestCase("/api/v1/events_per_day/application?application_id=00000000-0000-0000-0000-000000000000&from=2026-13-45")]
    public async Task Malformed_queries_are_client_errors(string url)
    {
        var response = await Master().GetAsync(url);

        Assert.That((int)response.StatusCode, Is.InRange(400, 499), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private static async Task<string> CountsAsync()
        => await Database.ScalarAsync<string>("""
            SELECT concat_ws(',', (SELECT count(*) FROM iam.organization), (SELECT string_agg(name, '' ORDER BY name) FROM iam.organization),
              (SELECT count(*) FROM iam.application), (SELECT string_agg(name, '' ORDER BY name) FROM iam.application),
              (SELECT count(*) FROM iam.application_secret), (SELECT string_agg(coalesce(name, ''), '' ORDER BY application_secret_id) FROM iam.application_secret),
              (SELECT count(*) FROM event.event_type), (SELECT count(*) FROM webhook.subscription),
              (SELECT count(*) FROM event.event), (SELECT count(*) FROM webhook.delivery_queue), (SELECT count(*) FROM webhook.attempt),
              (SELECT string_agg(target_url || labels::text || is_enabled, '' ORDER BY subscription_id) FROM webhook.subscription))
            """) ?? string.Empty;
}
