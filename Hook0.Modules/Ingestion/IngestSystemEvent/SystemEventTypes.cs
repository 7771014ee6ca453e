using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.IngestSystemEvent;

/// <summary>
/// Creates a system application's event types through the ordinary create command, on behalf of the
/// instance itself (there is no user behind an operational event); the system application's quotas
/// are not enforced, so this never meets a quota refusal.
/// </summary>
internal sealed class SystemEventTypes(EventTypeCatalog catalog, ISender sender)
{
    public async Task EnsureAsync(Guid applicationId, string name, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(applicationId, name, cancellationToken) is not null)
        {
            return;
        }

        var parts = name.Split('.', 3);
        if (parts.Length != 3)
        {
            throw new ArgumentException($"An event type name has three parts: '{name}'.", nameof(name));
        }

        await sender.Send(new CreateEventTypeCommand(Caller.MasterKey, applicationId, parts[0], parts[1], parts[2]), cancellationToken);
    }
}
