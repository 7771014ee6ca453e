using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The signed-in user's pending invitations (sent to their verified address), newest first.</summary>
public sealed record ListMyInvitationsQuery(Caller Caller) : IQuery<IReadOnlyList<PendingInvitation>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.InvitationList);
}

/// <summary>An invitation as its recipient sees it.</summary>
public sealed record PendingInvitation(Guid InvitationId, Guid OrganizationId, string OrganizationName, string Role, DateTime CreatedAt, DateTime ExpiresAt);
