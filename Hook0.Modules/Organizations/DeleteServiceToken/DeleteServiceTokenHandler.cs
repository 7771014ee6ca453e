using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.ServiceTokens;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.DeleteServiceToken;

internal sealed class DeleteServiceTokenHandler(OrganizationsDbContext db, TokenRevocations revocations, AuditTrail audit, TimeProvider time)
    : ICommandHandler<DeleteServiceTokenCommand>
{
    public async ValueTask<Unit> Handle(DeleteServiceTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await db.FindLiveAsync(command.OrganizationId, command.TokenId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        token.ExpiredAt = time.UtcNowForDatabase();
        await audit.SaveChangesAsync(db, new AuditChange(command.OrganizationId, "service_token", token.Id, "revoke"), cancellationToken);
        await revocations.RevokedAsync(db, [token.RevocationId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
