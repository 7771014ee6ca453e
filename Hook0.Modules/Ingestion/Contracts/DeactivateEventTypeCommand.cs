using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Deactivates (never deletes) an event type: it leaves lists, subscriptions keep naming it, and
/// creating it again re-activates it.
/// </summary>
public sealed record DeactivateEventTypeCommand(Caller Caller, Guid ApplicationId, string Name) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeDelete, ApplicationId: ApplicationId);
}
