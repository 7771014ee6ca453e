using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Sessions;
using Mediator;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.Logout;

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
