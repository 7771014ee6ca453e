using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// The signed-in user accepts (joins with the invited role, within the members quota) or declines one
/// of their invitations. Null when there is no such pending invitation for them (404).
/// </summary>
public sealed record AnswerInvitationCommand(Caller Caller, Guid InvitationId, bool Accept) : ICommand<AnsweredInvitation?>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.InvitationAnswer);
}

/// <summary>The organization joined (or not) and the role.</summary>
public sealed record AnsweredInvitation(Guid OrganizationId, string Role, bool Accepted);
