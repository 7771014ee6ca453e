using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>An organization's pending invitations, for its editors (who may cancel them).</summary>
public sealed record ListInvitationsQuery(Caller Caller, Guid OrganizationId) : IQuery<IReadOnlyList<OrganizationInvitation>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationInvite, OrganizationId);
}

/// <summary>An invitation as the inviting organization sees it.</summary>
public sealed record OrganizationInvitation(Guid InvitationId, string Email, string Role, DateTime CreatedAt, DateTime ExpiresAt);
