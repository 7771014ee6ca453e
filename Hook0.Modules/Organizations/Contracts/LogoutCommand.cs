using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Ends the caller's session: its access and refresh tokens stop working at once, on every instance.</summary>
public sealed record LogoutCommand(Caller Caller) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.AuthLogout);
}
