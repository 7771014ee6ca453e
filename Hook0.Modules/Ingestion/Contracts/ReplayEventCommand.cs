using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Dispatches a stored event again to the subscriptions that match it now (new attempts, retry count 0).</summary>
public sealed record ReplayEventCommand(Caller Caller, Guid ApplicationId, Guid EventId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventReplay, ApplicationId: ApplicationId);
}
