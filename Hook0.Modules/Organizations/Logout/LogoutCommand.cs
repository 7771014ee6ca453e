using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Sessions;
using Mediator;

namespace Hook0.Modules.Organizations.Logout;

/// <summary>Ends the caller's session: its access and refresh tokens stop working at once, on every instance.</summary>
public sealed record LogoutCommand(Caller Caller) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.AuthLogout);
}

internal sealed class LogoutHandler(OrganizationsDbContext db, SessionRevoker revoker) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await revoker.RevokeSessionAsync(command.Caller.SessionId!.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
