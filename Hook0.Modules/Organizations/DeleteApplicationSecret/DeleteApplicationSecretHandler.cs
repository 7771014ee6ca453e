using Hook0.Modules.Organizations.Common;
using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Authentication;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.DeleteApplicationSecret;

internal sealed class DeleteApplicationSecretHandler(OrganizationsDbContext db, CredentialSealing sealing, CacheInvalidation invalidation, AuditTrail audit, TimeProvider time) : ICommandHandler<DeleteApplicationSecretCommand>
{
    public async ValueTask<Unit> Handle(DeleteApplicationSecretCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        var hash = sealing.HashToken(command.Token);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.ApplicationSecrets
            .Where(s => s.TokenHash == hash && s.ApplicationId == command.ApplicationId && s.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now), cancellationToken);
        if (deleted == 0)
        {
            throw Problems.NotFound.ToException();
        }

        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "application_secret", ApplicationSecretAudit.EntityId(hash), "delete")
        {
            ApplicationId = command.ApplicationId,
        }), db, cancellationToken);
        await invalidation.SecretRevokedAsync(db, hash, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
