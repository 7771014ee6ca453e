using System.Net;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.Subscriptions;

/// <summary>
/// Hop-by-hop, framing and signature header names are refused as a subscription's custom headers
/// (create and edit share the validator with the dashboard's form), naming the header, case-insensitively.
/// </summary>
public sealed class SubscriptionReservedHeadersTests : ApiTest
{
    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTenantAsync() => _tenant = await new Scenario(Master()).TenantAsync();

    [TestCase("Host")]
    [TestCase("content-length")]
    [TestCase("Transfer-Encoding")]
    [TestCase("CONNECTION")]
    [TestCase("Keep-Alive")]
    [TestCase("Proxy-Connection")]
    [TestCase("te")]
    [TestCase("Trailer")]
    [TestCase("Upgrade")]
    [TestCase("Proxy-Authorization")]
    [TestCase("x-hook0-signature")]
    [TestCase("Webhook-Id")]
    [TestCase("webhook-timestamp")]
    [TestCase("WEBHOOK-SIGNATURE")]
    public async Task A_reserved_header_name_is_refused_at_creation_naming_it(string name)
    {
        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", Body(name)), 422, "Validation");

        var failure = problem["validation"]!["target.headers"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(failure["code"]!.GetValue<string>(), Is.EqualTo("subscription-target-http-headers-reserved"));
            Assert.That(failure["message"]!.GetValue<string>(), Does.Contain($"'{name}'"));
            Assert.That(failure["params"]!["header"]!.GetValue<string>(), Is.EqualTo(name));
        });
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [Test]
    public async Task A_reserved_header_name_is_refused_at_edit_and_the_subscription_is_unchanged()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", Body("X-Custom"));
        var id = created["subscription_id"]!.GetValue<Guid>();

        await AssertProblemAsync(await Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", Body("Host")), 422, "Validation");

        Assert.That(await Database.ScalarAsync<string>($"SELECT target_headers::text FROM webhook.subscription WHERE subscription_id = '{id}'"),
            Is.EqualTo("{\"x-custom\": \"1\"}"));
    }

    [TestCase("X-Custom")]
    [TestCase("Authorization")]
    [TestCase("Content-Type")]
    [TestCase("X-Event-Type")]
    [TestCase("X-Hook0-Signature-Extra")]
    public async Task Other_header_names_stay_accepted(string name)
    {
        var response = await Master().PostAsJsonAsync("/api/v1/subscriptions", Body(name));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private Dictionary<string, object> Body(string header) => new()
    {
        ["application_id"] = _tenant.ApplicationId,
        ["is_enabled"] = true,
        ["event_types"] = new[] { _tenant.EventType },
        ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
        ["target"] = new { type = "http", method = "POST", url = "https://example.com/hook", headers = new Dictionary<string, string> { [header] = "1" } },
    };
}
