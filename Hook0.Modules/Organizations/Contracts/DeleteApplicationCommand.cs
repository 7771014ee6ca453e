using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Soft-deletes an application: it disappears from every list, its secrets stop authenticating and,
/// in the same transaction, its pending deliveries are failed.
/// </summary>
public sealed record DeleteApplicationCommand(Caller Caller, Guid ApplicationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationDelete, ApplicationId: ApplicationId);
}
