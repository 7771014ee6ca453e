using System.Net;
using System.Net.Http.Json;
using Hook0.Modules.Ingestion.CountEventsPerDay;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

public sealed class EventLogsTests : ApiTest
{
    [Test]
    public async Task Events_are_listed_newest_first_with_stable_keyset_pages()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType));
        }

        var first = await Master().GetAsync($"/api/v1/events?application_id={tenant.ApplicationId}&limit=2");
        var page1 = (await JsonAsync(first)).AsArray().Select(e => e!["event_id"]!.GetValue<Guid>()).ToList();
        var next = first.Headers.GetValues("Link").Single();
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType); // arrives between two page reads
        var nextUrl = new Uri(next[1..next.IndexOf('>', StringComparison.Ordinal)]).PathAndQuery;
        var page2 = (await JsonAsync(await Master().GetAsync(nextUrl))).AsArray().Select(e => e!["event_id"]!.GetValue<Guid>()).ToList();

        Assert.That(next, Does.EndWith("rel=\"next\""));
        Assert.That(page1, Is.EqualTo(new[] { ids[4], ids[3] }));
        Assert.That(page2, Is.EqualTo(new[] { ids[2], ids[1] }), "a new event does not shift the next page");
    }

    [Test]
    public async Task Events_can_be_filtered_by_type_and_label()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var other = await scenario.EventTypeAsync(tenant.ApplicationId, "billing", "invoice", "voided");
        var wanted = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType, new Dictionary<string, string> { ["tenant"] = "7" });
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType, new Dictionary<string, string> { ["tenant"] = "8" });
        await scenario.IngestAsync(tenant.ApplicationId, other, new Dictionary<string, string> { ["tenant"] = "7" });

        var list = (await JsonAsync(await Master().GetAsync(
            $"/api/v1/events?application_id={tenant.ApplicationId}&event_type={tenant.EventType}&label_key=tenant&label_value=7"))).AsArray();

        Assert.That(list.Select(e => e!["event_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { wanted }));
        Assert.That(list[0]!["labels"]!.ToJsonString(), Is.EqualTo("""{"tenant":"7"}"""));
    }

    [Test]
    public async Task Request_attempts_show_upstream_status_and_page_by_50()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var sub = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var batch = Enumerable.Range(0, 55).Select(_ => Scenario.Event(tenant.ApplicationId, tenant.EventType)).ToArray();
        Assert.That((await Master().PostAsJsonAsync("/api/v1/events/batch", batch)).StatusCode, Is.EqualTo(HttpStatusCode.MultiStatus));

        var first = await Master().GetAsync($"/api/v1/request_attempts?application_id={tenant.ApplicationId}");
        var page = (await JsonAsync(first)).AsArray();
        var link = first.Headers.GetValues("Link").Single();
        var second = (await JsonAsync(await Master().GetAsync(new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)]).PathAndQuery))).AsArray();

        Assert.That(page, Has.Count.EqualTo(50));
        Assert.That(second, Has.Count.EqualTo(5));
        Assert.That(page.Concat(second).Select(a => a!["request_attempt_id"]!.GetValue<Guid>()), Is.Unique);
        var attempt = page[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(attempt["status"]!["type"]!.GetValue<string>(), Is.EqualTo("pending"));
            Assert.That(attempt["status"]!["since"]!.GetValue<DateTime>(), Is.EqualTo(attempt["created_at"]!.GetValue<DateTime>()));
            Assert.That(attempt["subscription"]!["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(sub["subscription_id"]!.GetValue<Guid>()));
            Assert.That(attempt["event"]!["event_type_name"]!.GetValue<string>(), Is.EqualTo(tenant.EventType));
            Assert.That(attempt["retry_count"]!.GetValue<int>(), Is.Zero);
            Assert.That(attempt["response_id"], Is.Null);
        });

        var one = await JsonAsync(await Master().GetAsync($"/api/v1/request_attempts/{attempt["request_attempt_id"]}?application_id={tenant.ApplicationId}"));
        Assert.That(one["request_attempt_id"]!.GetValue<Guid>(), Is.EqualTo(attempt["request_attempt_id"]!.GetValue<Guid>()));
        var filtered = (await JsonAsync(await Master().GetAsync(
            $"/api/v1/request_attempts?application_id={tenant.ApplicationId}&event_id={attempt["event_id"]}&event.event_type_names={tenant.EventType}"))).AsArray();
        Assert.That(filtered, Has.Count.EqualTo(1));
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/request_attempts?application_id={tenant.ApplicationId}&pagination_cursor=%%%"), 400, "InvalidParameter");
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/responses/{Guid.NewGuid()}?application_id={tenant.ApplicationId}"), 404, "NotFound");
    }

    [Test]
    public async Task Events_per_day_counts_from_the_refreshed_aggregate()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await ApiFixture.Factory.Services.GetRequiredService<EventsPerDayRefresher>().RunOnceAsync(CancellationToken.None);

        var perApp = (await JsonAsync(await Master().GetAsync($"/api/v1/events_per_day/application?application_id={tenant.ApplicationId}"))).AsArray();
        var perOrg = (await JsonAsync(await Master().GetAsync($"/api/v1/events_per_day/organization?organization_id={tenant.OrganizationId}"))).AsArray();
        var org = await JsonAsync(await Master().GetAsync($"/api/v1/organizations/{tenant.OrganizationId}"));

        Assert.That(perApp, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(perApp[0]!["amount"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(perApp[0]!["is_provisional"]!.GetValue<bool>(), Is.True, "today is provisional");
            Assert.That(perApp[0]!["application_name"]!.GetValue<string>(), Is.EqualTo("Billing"));
            Assert.That(perApp[0]!["date"]!.GetValue<string>(), Is.EqualTo(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(perOrg.ToJsonString(), Is.EqualTo(perApp.ToJsonString()));
            Assert.That(org["consumption"]!["events_per_day"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(org["onboarding_steps"]!["event"]!.GetValue<string>(), Is.EqualTo("Done"));
        });
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/events_per_day/application?application_id={tenant.ApplicationId}&from=2026-02-01&to=2026-01-01"), 400, "InvalidDateRange");
    }
}
