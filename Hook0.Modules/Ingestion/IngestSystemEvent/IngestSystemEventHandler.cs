using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestEvent;
using Mediator;

namespace Hook0.Modules.Ingestion.IngestSystemEvent;

internal sealed class IngestSystemEventHandler(SystemEventTypes types, EventPreparer preparer, EventStore store) : ICommandHandler<IngestSystemEventCommand, bool>
{
    public async ValueTask<bool> Handle(IngestSystemEventCommand command, CancellationToken cancellationToken)
    {
        await types.EnsureAsync(command.ApplicationId, command.EventType, cancellationToken);
        var post = new EventPost(command.ApplicationId, command.EventType, command.PayloadJson, PayloadContentTypes.Json, command.OccurredAt,
            new Dictionary<string, string>(command.Labels), command.EventId);
        var prepared = await preparer.PrepareAsync(post, null, cancellationToken);
        var stored = await store.StoreAsync([prepared], cancellationToken);
        return stored[0] switch
        {
            { Stored: not null } => true,
            { Refusal: { } refusal } => throw refusal,
            _ => false, // already ingested
        };
    }
}
