using System.Data.Common;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// The attempts list reads the queue and the history in one snapshot: an attempt recorded between the two reads (its
/// queue row deleted and its history row written by another transaction) is listed once, not once from each half.
/// The move is made, deterministically, right after the queue's statement has run.
/// </summary>
[NonParallelizable]
public sealed class AttemptListSnapshotTests : ApiTest
{
    [Test]
    public async Task An_attempt_recorded_between_the_two_reads_is_listed_once()
    {
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false" });
        var scenario = new Scenario(host.Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.EqualTo(1));

        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        var mover = new RecordAfterQueueRead(dataSource);
        var options = new DbContextOptionsBuilder<DeliveryDbContext>();
        ModuleDbContexts.Configure(options, dataSource, "webhook").AddInterceptors(mover);
        await using var db = new DeliveryDbContext(options.Options);
        var handler = new ListRequestAttemptsHandler(db, TimeProvider.System);

        var page = await handler.Handle(new ListRequestAttemptsQuery(Caller.MasterKey, tenant.ApplicationId, null, null, null, null, [], null), CancellationToken.None);

        Assert.That(mover.Moved, Is.True, "the attempt was recorded between the queue's read and the history's");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(1));
        Assert.That(page.Items.Select(i => i.RequestAttemptId).ToList(), Is.Unique.And.Count.EqualTo(1));
    }

    /// <summary>After the first statement that reads the queue, another connection records its attempt (cancelled) and commits.</summary>
    private sealed class RecordAfterQueueRead(NpgsqlDataSource dataSource) : DbCommandInterceptor
    {
        public bool Moved { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (!Moved && command.CommandText.Contains("delivery_queue", StringComparison.Ordinal))
            {
                Moved = true;
                await using var move = dataSource.CreateCommand("WITH gone AS (DELETE FROM webhook.delivery_queue RETURNING *) " + HistorySql.Cancelled("gone"));
                move.Parameters.Add(new NpgsqlParameter<string>("cancelled", "cancelled"));
                move.Parameters.Add(new NpgsqlParameter<string>("cancel_reason", "event_gone"));
                await move.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }
    }
}
