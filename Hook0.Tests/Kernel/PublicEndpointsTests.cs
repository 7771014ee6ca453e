using System.Net;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

public sealed class PublicEndpointsTests : ApiTest
{
    [Test]
    public async Task Instance_is_public_and_describes_the_instance()
    {
        var response = await Anonymous().GetAsync("/api/v1/instance");
        var body = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(body["biscuit_public_key"]!.GetValue<string>(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(body["registration_disabled"]!.GetValue<bool>(), Is.False);
            Assert.That(body["password_minimum_length"]!.GetValue<int>(), Is.EqualTo(12));
            Assert.That(body["auto_db_migration"]!.GetValue<bool>(), Is.True);
            Assert.That(body["application_secret_compatibility"]!.GetValue<bool>(), Is.True);
            Assert.That(body["quota_enforcement"]!.GetValue<bool>(), Is.False);
            Assert.That(body["support_email_address"]!.GetValue<string>(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Quotas_report_upstream_defaults_while_enforcement_is_off()
    {
        var body = await JsonAsync(await Anonymous().GetAsync("/api/v1/quotas"));

        Assert.That(body.ToJsonString(), Is.EqualTo(JsonNode.Parse("""
            {"enabled":false,"limits":{"global_members_per_organization_limit":1,"global_applications_per_organization_limit":1,
             "global_events_per_day_limit":100,"global_days_of_events_retention_limit":7,
             "global_subscriptions_per_application_limit":10,"global_event_types_per_application_limit":10}}
            """)!.ToJsonString()));
    }

    [Test]
    public async Task Payload_content_types_are_the_three_upstream_encodings()
    {
        var body = await JsonAsync(await Anonymous().GetAsync("/api/v1/payload_content_types"));

        Assert.That(body.AsArray().Select(n => n!.GetValue<string>()),
            Is.EqualTo(new[] { "text/plain", "application/json", "application/octet-stream+base64" }));
    }

    [Test]
    public async Task Errors_list_every_problem_of_the_catalogue_as_problem_documents()
    {
        var body = (await JsonAsync(await Anonymous().GetAsync("/api/v1/errors"))).AsArray();
        var ids = body.Select(p => p!["id"]!.GetValue<string>()).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.SupersetOf(Contract.OpenApiSnapshot.ProblemIds()), "every upstream problem id is listed");
        Assert.That(ids, Does.Contain("MethodNotAllowed").And.Contain("InvalidParameter"));
        var notFound = body.Single(p => p!["id"]!.GetValue<string>() == "NotFound")!;
        Assert.Multiple(() =>
        {
            Assert.That(notFound["status"]!.GetValue<int>(), Is.EqualTo(404));
            Assert.That(notFound["type"]!.GetValue<string>(), Is.EqualTo("https://documentation.hook0.com/reference/error-codes#notfound"));
            Assert.That(notFound["validation"], Is.Null);
        });
    }

    [Test]
    public async Task Probes_answer_without_credentials()
    {
        var client = Anonymous();
        var live = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Multiple(async () =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await live.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("ready"));
        });
    }

    [Test]
    public async Task Health_is_not_found_when_no_key_is_configured()
        => await AssertProblemAsync(await Anonymous().GetAsync("/api/v1/health"), 404, "NotFound");
}
