using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Changes the signed-in user's password; every session of theirs ends, this one included (as upstream). With
/// <paramref name="CurrentPassword"/> (our addition, ADR 0009; the dashboard always sends it) the current password must
/// match, tried under the login's lockout; without it, upstream's behaviour.
/// </summary>
public sealed record ChangePasswordCommand(Caller Caller, string NewPassword, string? CurrentPassword = null) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.AuthChangePassword);
}
