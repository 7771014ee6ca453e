using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Authentication;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.DeleteApplicationSecret;

/// <summary>Soft-deletes an application secret: it stops authenticating at once.</summary>
public sealed record DeleteApplicationSecretCommand(Caller Caller, Guid Token, Guid ApplicationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationSecretDelete, ApplicationId: ApplicationId);
}

internal sealed class DeleteApplicationSecretHandler(OrganizationsDbContext db, CacheInvalidation invalidation, TimeProvider time) : ICommandHandler<DeleteApplicationSecretCommand>
{
    public async ValueTask<Unit> Handle(DeleteApplicationSecretCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        var deleted = await db.ApplicationSecrets
            .Where(s => s.Token == command.Token && s.ApplicationId == command.ApplicationId && s.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now), cancellationToken);
        if (deleted == 0)
        {
            throw Problems.NotFound.ToException();
        }

        await invalidation.SecretRevokedAsync(db, command.Token, cancellationToken);
        return Unit.Value;
    }
}
