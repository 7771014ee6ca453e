using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Revokes a service token: its row expires now, which refuses it and every attenuation of it (they share
/// the authority block's revocation id) on every instance at once.
/// </summary>
public sealed record DeleteServiceTokenCommand(Caller Caller, Guid TokenId, Guid OrganizationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenDelete, OrganizationId, Facts: [AccessFacts.ServiceTokenId(TokenId)]);
}
