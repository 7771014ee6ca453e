using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.Lifecycle;

/// <summary>
/// The open claim reserves half of each batch for first tries and gives the rest to the oldest due work of either kind:
/// new events are not stuck behind a wall of due retries of a failing endpoint, and retries are not starved.
/// </summary>
[NonParallelizable]
public sealed class FirstTriesFirstTests : ApiTest
{
    private const int Batch = 16;

    private DeliveryHost _host = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new DeliveryHost(new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false" });

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [Test]
    public async Task New_events_are_claimed_beside_a_wall_of_older_due_retries()
    {
        var (healthy, failing) = await QueueAsync(firstTries: 4, retries: 40);

        var claimed = await ClaimAsync();

        Assert.That(Count(claimed, healthy), Is.EqualTo(4), "every first try goes in the first claim, though every retry is older");
        Assert.That(Count(claimed, failing), Is.EqualTo(Batch - 4), "the rest of the batch is the oldest retries");
        Assert.That(claimed.Where(c => c.SubscriptionId == failing).All(c => c.AttemptNumber == 1));
    }

    [Test]
    public async Task Half_of_the_batch_is_reserved_and_retries_are_not_starved()
    {
        var (healthy, failing) = await QueueAsync(firstTries: 40, retries: 40);

        var claimed = await ClaimAsync();

        Assert.That((Count(claimed, healthy), Count(claimed, failing)), Is.EqualTo((Batch / 2, Batch / 2)));
    }

    [Test]
    public async Task Without_due_retries_the_whole_batch_is_first_tries()
    {
        var (healthy, _) = await QueueAsync(firstTries: 40, retries: 0);

        Assert.That(Count(await ClaimAsync(), healthy), Is.EqualTo(Batch));
    }

    private static int Count(List<ClaimedAttempt> claimed, Guid subscriptionId) => claimed.Count(c => c.SubscriptionId == subscriptionId);

    private Task<List<ClaimedAttempt>> ClaimAsync()
        => _host.Services.GetRequiredService<AttemptLifecycle>().ClaimOpenAsync(Batch, 60, "fairness", CancellationToken.None);

    /// <summary>First tries of a healthy subscription due now, and retries of a failing one due a minute earlier.</summary>
    private async Task<(Guid Healthy, Guid Failing)> QueueAsync(int firstTries, int retries)
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        var healthy = await SubscribeAsync(tenant);
        var failing = await SubscribeAsync(tenant);
        var eventId = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await Database.ExecuteAsync($"""
            DELETE FROM webhook.delivery_queue;
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, due_at, attempt_number)
            SELECT '{tenant.ApplicationId}', gen_random_uuid(), '{healthy}', '{eventId}', (SELECT received_at FROM event.event WHERE event_id = '{eventId}'), '{tenant.EventType}',
                   now(), now(), 0
            FROM generate_series(1, {firstTries});
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, due_at, attempt_number)
            SELECT '{tenant.ApplicationId}', gen_random_uuid(), '{failing}', '{eventId}', (SELECT received_at FROM event.event WHERE event_id = '{eventId}'), '{tenant.EventType}',
                   now() - interval '2 minutes', now() - interval '1 minute' - i * interval '1 millisecond', 1
            FROM generate_series(1, {retries}) i;
            """);
        return (healthy, failing);
    }

    private async Task<Guid> SubscribeAsync(Tenant tenant)
    {
        var body = new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = "http://127.0.0.1:9/hook", headers = new Dictionary<string, string>() },
        };
        return (await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body))["subscription_id"]!.GetValue<Guid>();
    }
}
