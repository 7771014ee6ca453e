using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Changes the signed-in user's password; every session of theirs ends, this one included (as upstream).</summary>
public sealed record ChangePasswordCommand(Caller Caller, string NewPassword) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.AuthChangePassword);
}
