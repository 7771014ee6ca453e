using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Periodic;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>
/// Relays the outbox of operational events, one instance at a time (advisory lock), oldest first: each
/// row is ingested into its organization's system application through Ingestion's contract, with the
/// row's id as the event id, then marked. A crash between the two makes the next run meet the event
/// already ingested and only mark the row: no loss, no duplicate. Rows about the system application's
/// own subscriptions are marked and never told (no loops).
/// </summary>
internal sealed partial class OperationalEventRelay(NpgsqlDataSource db, IServiceScopeFactory scopes, IOptions<OperationalEventsOptions> options,
    TimeProvider time, ILogger<OperationalEventRelay> logger) : PeriodicJob<int>(db, time, logger)
{
    private const int BatchSize = 100;

    private const string PendingSql = """
        SELECT operational_event_id, event_type, application_id, data::text, occurred_at
        FROM webhook.operational_event WHERE relayed_at IS NULL
        ORDER BY occurred_at, operational_event_id LIMIT @limit
        """;

    private const string MarkSql = "UPDATE webhook.operational_event SET relayed_at = now(), outcome = @outcome WHERE operational_event_id = @id";

    public override string Name => "operational event relay";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.RelayPeriodSeconds);

    protected override long? AdvisoryLockId => AdvisoryLocks.OperationalEventRelay;

    // As before this base existed: the first relay comes one period after start.
    protected override bool RunsAtStart => false;

    /// <summary>Relays what is pending; answers how many rows were dealt with (told or not). A failure leaves the row pending for the next tick.</summary>
    protected override async Task<int> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        var connection = lockHolder!; // this job has a lock: its run gets the connection holding it
        var done = 0;
        List<PendingEvent> batch;
        do
        {
            batch = await ReadPendingAsync(connection, cancellationToken);
            foreach (var pending in batch)
            {
                var outcome = await RelayOneAsync(pending, cancellationToken);
                await using var mark = new NpgsqlCommand(MarkSql, connection);
                mark.Parameters.Add(new NpgsqlParameter<Guid>("id", pending.Id));
                mark.Parameters.Add(new NpgsqlParameter<string>("outcome", outcome));
                await mark.ExecuteNonQueryAsync(CancellationToken.None);
                done++;
            }
        }
        while (batch.Count == BatchSize);

        return done;
    }

    private async Task<string> RelayOneAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var target = await sender.Send(new FindSystemApplicationQuery(pending.ApplicationId), cancellationToken);
        if (target is null)
        {
            return RelayOutcomes.ApplicationGone;
        }

        var outcome = await TellAsync(sender, pending, target, cancellationToken);
        // An e-mail is not a webhook, so it cannot loop: editors hear of their operational endpoint too.
        // Not after a crash that left the event ingested (at most once: it may have gone out already).
        if (options.Value.EmailEditors && outcome != RelayOutcomes.AlreadyIngested && OperationalEmail.For(pending.EventType, pending.Data, target.OrganizationId) is { } email)
        {
            await sender.Send(email, cancellationToken);
        }

        return outcome;
    }

    private async Task<string> TellAsync(ISender sender, PendingEvent pending, SystemApplicationOf target, CancellationToken cancellationToken)
    {
        if (target.IsSystem)
        {
            return RelayOutcomes.AboutSystemApplication;
        }

        if (target.SystemApplicationId is not { } systemApplication)
        {
            return RelayOutcomes.NoSystemApplication;
        }

        var body = new Dictionary<string, object>
        {
            ["type"] = pending.EventType,
            ["timestamp"] = pending.OccurredAt,
            ["data"] = WithOrganization(pending.Data, target.OrganizationId),
        };
        var labels = new Dictionary<string, string>
        {
            ["organization_id"] = target.OrganizationId.ToString(),
            ["application_id"] = pending.ApplicationId.ToString(),
        };
        try
        {
            var ingested = await sender.Send(new IngestSystemEventCommand(systemApplication, pending.Id, pending.EventType, JsonSerializer.Serialize(body),
                new DateTimeOffset(pending.OccurredAt, TimeSpan.Zero), labels), cancellationToken);
            return ingested ? RelayOutcomes.Ingested : RelayOutcomes.AlreadyIngested;
        }
        catch (ProblemException e) when (e.Problem.Status < 500)
        {
            // A refusal would be the same at every try (say, a schema a user put on the event type): the
            // row is marked with it rather than blocking the rows behind it.
            LogRefused(Logger, pending.Id, e.Problem.Id);
            return RelayOutcomes.RefusedPrefix + e.Problem.Id;
        }
    }

    private static JsonElement WithOrganization(string data, Guid organizationId)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(data)!.AsObject();
        node.Insert(0, "organization_id", organizationId);
        return JsonSerializer.SerializeToElement(node);
    }

    private static async Task<List<PendingEvent>> ReadPendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PendingSql, connection);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", BatchSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PendingEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PendingEvent(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetDateTime(4)));
        }

        return rows;
    }

    private sealed record PendingEvent(Guid Id, string EventType, Guid ApplicationId, string Data, DateTime OccurredAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operational event {OperationalEventId} was refused by ingestion ({ProblemId}); it is not told")]
    private static partial void LogRefused(ILogger logger, Guid operationalEventId, string problemId);
}
