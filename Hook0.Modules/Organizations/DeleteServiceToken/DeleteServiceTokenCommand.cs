using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.ServiceTokens;
using Hook0.Modules.Organizations.Tokens;
using Mediator;

namespace Hook0.Modules.Organizations.DeleteServiceToken;

/// <summary>
/// Revokes a service token: its row expires now, which refuses it and every attenuation of it (they share
/// the authority block's revocation id) on every instance at once.
/// </summary>
public sealed record DeleteServiceTokenCommand(Caller Caller, Guid TokenId, Guid OrganizationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenDelete, OrganizationId, Facts: [AccessFacts.ServiceTokenId(TokenId)]);
}

internal sealed class DeleteServiceTokenHandler(OrganizationsDbContext db, TokenRevocations revocations, TimeProvider time)
    : ICommandHandler<DeleteServiceTokenCommand>
{
    public async ValueTask<Unit> Handle(DeleteServiceTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await db.FindLiveAsync(command.OrganizationId, command.TokenId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        token.ExpiredAt = time.UtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);
        await revocations.RevokedAsync(db, [token.RevocationId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
