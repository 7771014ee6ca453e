using Hook0.Modules.Ingestion.Contracts;
using Mediator;

namespace Hook0.Modules.Ingestion.IngestSystemEvent;

internal sealed class EnsureSystemEventTypesHandler(SystemEventTypes types) : ICommandHandler<EnsureSystemEventTypesCommand>
{
    public async ValueTask<Unit> Handle(EnsureSystemEventTypesCommand command, CancellationToken cancellationToken)
    {
        foreach (var name in command.Names)
        {
            await types.EnsureAsync(command.ApplicationId, name, cancellationToken);
        }

        return Unit.Value;
    }
}
