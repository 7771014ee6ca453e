using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Authentication;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.DeleteApplication;

internal sealed class DeleteApplicationHandler(
    OrganizationsDbContext db, SharedTransaction transaction, IPublisher publisher, CacheInvalidation invalidation, AuditTrail audit, TimeProvider time)
    : ICommandHandler<DeleteApplicationCommand>
{
    public async ValueTask<Unit> Handle(DeleteApplicationCommand command, CancellationToken cancellationToken)
    {
        await transaction.BeginAsync(cancellationToken);
        await transaction.EnlistAsync(db, cancellationToken);
        var now = time.UtcNowForDatabase();
        var application = await db.Applications
            .Where(a => a.Id == command.ApplicationId && a.DeletedAt == null)
            .Select(a => new { a.OrganizationId, a.IsSystem })
            .FirstOrDefaultAsync(cancellationToken) ?? throw Problems.NotFound.ToException();
        if (application.IsSystem)
        {
            // It goes with its organization; deleting it alone would silence operational webhooks.
            throw Problems.SystemApplication.ToException();
        }

        var organizationId = application.OrganizationId;
        await db.Applications.Where(a => a.Id == command.ApplicationId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, now), cancellationToken);
        await publisher.Publish(new ApplicationDeletedNotification(command.ApplicationId, organizationId), cancellationToken);
        await invalidation.ApplicationRemovedAsync(db, command.ApplicationId, cancellationToken);
        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(organizationId, "application", command.ApplicationId, "delete")
        {
            Details = new Dictionary<string, object?> { ["application.deleted_at"] = new { from = (DateTime?)null, to = now } },
        }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
