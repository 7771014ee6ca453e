using Hook0.Modules.Ingestion.CountEventsPerDay;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// The fuzzer's one full-size finding ("PUT /subscriptions/{id} refused with 400 but the database
/// changed", never seen again) reproduced without the fuzzer: nothing but the shared test host's
/// events-per-day timer changes the database between two requests once events were ingested, so
/// whichever refusal was being answered at that tick was blamed. The fuzzer's digest leaves out what
/// only timers write; everything a request can write stays in it.
/// </summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class FuzzFingerprintTests : ApiTest
{
    [Test]
    public async Task The_events_per_day_timer_changes_the_database_between_requests_and_the_fuzzer_digest_ignores_only_that()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        var everything = await FuzzTests.FingerprintAsync(includeTimerWritten: true);
        var requestsOnly = await FuzzTests.FingerprintAsync();

        // What the shared host's EventsPerDayRefresher does every 60 s, no request involved.
        await ApiFixture.Factory.Services.GetRequiredService<EventsPerDayRefresher>().RunOnceAsync(CancellationToken.None);

        var everythingAfter = await FuzzTests.FingerprintAsync(includeTimerWritten: true);
        var requestsOnlyAfter = await FuzzTests.FingerprintAsync();
        Assert.Multiple(() =>
        {
            Assert.That(everythingAfter, Is.Not.EqualTo(everything), "the recount alone changes a digest that includes events_per_day: the finding's cause");
            Assert.That(requestsOnlyAfter, Is.EqualTo(requestsOnly), "the fuzzer's digest is not moved by the timer");
        });

        // A request's own write still shows in the fuzzer's digest.
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        Assert.That(await FuzzTests.FingerprintAsync(), Is.Not.EqualTo(requestsOnly), "an ingested event changes the fuzzer's digest");
    }
}
