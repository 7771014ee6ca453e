using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Sessions;
using Mediator;

namespace Hook0.Modules.Organizations.RefreshSession;

internal sealed class RefreshSessionHandler(OrganizationsDbContext db, SessionRefresher refresher) : ICommandHandler<RefreshSessionCommand, LoginResponse>
{
    public async ValueTask<LoginResponse> Handle(RefreshSessionCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await refresher.RefreshAsync(command.RefreshToken, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
