using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// An organization deleted for good takes its applications' queued attempts, attempt history (responses inside) and
/// dead-letter marks with it, in the deleting transaction (ADR 0016); another organization's rows stay.
/// </summary>
[NonParallelizable]
public sealed class RemovedApplicationsTests : ApiTest
{
    [Test]
    public async Task Deleting_an_organization_removes_its_queue_history_and_dead_letter_marks_and_nothing_else()
    {
        var scenario = new Scenario(Master());
        var gone = await scenario.TenantAsync("Acme");
        var kept = await scenario.TenantAsync("Globex");
        foreach (var tenant in new[] { gone, kept })
        {
            var subscription = (await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]))["subscription_id"]!.GetValue<Guid>();
            var seed = new AttemptSeed(Database.ConnectionString, tenant.ApplicationId);
            await seed.QueuedAsync(subscription, tenant.EventType, "now() - interval '1 minute'");
            await seed.FinishedAsync(subscription, tenant.EventType, "now() - interval '2 minutes'", "now() - interval '1 minute'", "succeeded");
            await seed.RetriedAsync(await seed.FinishedAsync(subscription, tenant.EventType, "now() - interval '3 days'", "now() - interval '2 days'",
                "given_up", "exhausted", response: "legacy"));
        }

        Assert.That((await Master().DeleteAsync($"/api/v1/applications/{gone.ApplicationId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Master().DeleteAsync($"/api/v1/organizations/{gone.OrganizationId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        async Task<string?> CountsAsync(Guid application) => await Database.ScalarAsync<string>($"""
            SELECT concat_ws(',', (SELECT count(*) FROM webhook.delivery_queue WHERE application_id = '{application}'),
                                  (SELECT count(*) FROM webhook.attempt WHERE application_id = '{application}'),
                                  (SELECT count(*) FROM webhook.dead_letter_retry WHERE application_id = '{application}'),
                                  (SELECT count(*) FROM webhook.delivery_lane WHERE application_id = '{application}'))
            """);
        Assert.Multiple(async () =>
        {
            Assert.That(await CountsAsync(gone.ApplicationId), Is.EqualTo("0,0,0,0"), "queue, history, marks and lanes of the deleted organization");
            Assert.That(await CountsAsync(kept.ApplicationId), Does.StartWith("1,2,1,"), "the other organization's rows stay");
        });
    }
}
