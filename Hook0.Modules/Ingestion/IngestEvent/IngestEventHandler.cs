using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using Mediator;

namespace Hook0.Modules.Ingestion.IngestEvent;

internal sealed class IngestEventHandler(EventPreparer preparer, EventStore store) : ICommandHandler<IngestEventCommand, IngestedEventDto>
{
    public async ValueTask<IngestedEventDto> Handle(IngestEventCommand command, CancellationToken cancellationToken)
    {
        var prepared = await preparer.PrepareAsync(command.Event, command.Ip, cancellationToken);
        var stored = await store.StoreAsync([prepared], cancellationToken);
        return stored[0] ?? throw Problems.EventAlreadyIngested.ToException();
    }
}
