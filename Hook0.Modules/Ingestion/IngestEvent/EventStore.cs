using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.Persistence;
using Mediator;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Writes prepared events with their attempts: each event row and the attempts Delivery creates for it
/// share one transaction, so a matching failure leaves no event behind.
/// </summary>
internal sealed class EventStore(SharedTransaction transaction, ISender sender)
{
    /// <returns>One answer per event, in order: the stored event, or null when its id was already ingested.</returns>
    public async Task<IReadOnlyList<IngestedEventDto?>> StoreAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
    {
        await transaction.BeginAsync(cancellationToken);
        var results = new List<IngestedEventDto?>(events.Count);
        foreach (var e in events)
        {
            var receivedAt = await EventInsertSql.ExecuteAsync(transaction.Connection, transaction.Transaction, e, cancellationToken);
            if (receivedAt is null)
            {
                results.Add(null);
                continue;
            }

            await sender.Send(new DispatchEventCommand(e.EventId, e.ApplicationId, e.EventType, e.LabelsJson), cancellationToken);
            results.Add(new IngestedEventDto(e.ApplicationId, e.EventId, receivedAt.Value));
        }

        await transaction.CommitAsync(cancellationToken);
        Hook0Metrics.EventsIngested.Add(results.Count(r => r is not null));
        return results;
    }
}
