using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.Lifecycle;

/// <summary>
/// The cli target's claim path: a cli subscription's attempts are taken by neither the open nor the shared metered
/// claim, only by the cli claim of an instance naming the subscription (one per listener, due order), and a release
/// by the leasing worker makes the attempt due again as it was.
/// </summary>
[NonParallelizable]
public sealed class CliClaimTests : ApiTest
{
    [Test]
    public async Task Only_the_listening_instance_claims_a_cli_subscription_one_at_a_time_and_a_release_makes_it_due_again()
    {
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false" });
        using var master = host.Master();
        var scenario = new Scenario(master);
        var tenant = await scenario.TenantAsync();
        var cli = (await PostJsonAsync(master, "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId,
            is_enabled = true,
            event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "cli" },
        }))["subscription_id"]!.GetValue<Guid>();
        var first = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        var second = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        var lifecycle = host.Services.GetRequiredService<AttemptLifecycle>();

        var open = await lifecycle.ClaimOpenAsync(16, 60, "w1", CancellationToken.None);
        var metered = await lifecycle.ClaimMeteredAsync(16, 60, "w1", CancellationToken.None);
        var elsewhere = await lifecycle.ClaimCliAsync([Guid.NewGuid()], 60, "w1", CancellationToken.None);
        var claimed = await lifecycle.ClaimCliAsync([cli], 60, "w1", CancellationToken.None);
        var whileHeld = await lifecycle.ClaimCliAsync([cli], 60, "w1", CancellationToken.None);
        var releasedByOther = await lifecycle.ReleaseAsync(claimed[0], "w2", CancellationToken.None);
        var released = await lifecycle.ReleaseAsync(claimed[0], "w1", CancellationToken.None);
        var row = await Database.ScalarAsync<string>(
            $"SELECT attempt_number || ',' || (lease_until IS NULL) || ',' || (picked_at IS NULL) FROM webhook.delivery_queue WHERE request_attempt_id = '{claimed[0].AttemptId}'");
        var again = await lifecycle.ClaimCliAsync([cli], 60, "w1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(open, Is.Empty, "the open path never sees a cli subscription's attempts");
            Assert.That(metered, Is.Empty, "nor the shared metered claim");
            Assert.That(elsewhere, Is.Empty);
            Assert.That(claimed.Select(a => (a.EventId, a.TargetType, a.AttemptNumber)), Is.EqualTo(new[] { (first, "cli", (short)0) }),
                "one per listener, the oldest due first");
            Assert.That(whileHeld.Select(a => a.EventId), Is.EqualTo(new[] { second }), "a leased attempt is skipped; one per claim");
            Assert.That(releasedByOther, Is.False, "only the leasing worker releases");
            Assert.That(released, Is.True);
            Assert.That(row, Is.EqualTo("0,true,true"), "due again as it was: same attempt number, no lease");
            Assert.That(again.Select(a => a.AttemptId), Is.EqualTo(new[] { claimed[0].AttemptId }));
        });
    }
}
