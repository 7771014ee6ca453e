using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.DeleteOrganization;

internal sealed class DeleteOrganizationHandler(OrganizationsDbContext db, SharedTransaction transaction, IPublisher publisher, AuditTrail audit)
    : ICommandHandler<DeleteOrganizationCommand>
{
    public async ValueTask<Unit> Handle(DeleteOrganizationCommand command, CancellationToken cancellationToken)
    {
        await transaction.BeginAsync(cancellationToken);
        await transaction.EnlistAsync(db, cancellationToken);

        // Locking the row makes a concurrent application create wait, so it cannot slip in between the check and the delete.
        var exists = await db.Organizations.FromSql($"SELECT * FROM iam.organization WHERE organization_id = {command.OrganizationId} FOR UPDATE")
            .AnyAsync(cancellationToken);
        if (!exists)
        {
            throw Problems.NotFound.ToException();
        }

        var applications = await db.Applications.Where(a => a.OrganizationId == command.OrganizationId)
            .Select(a => new { a.Id, a.DeletedAt, a.IsSystem }).ToListAsync(cancellationToken);
        // The system application is Hook0's, not the user's: it goes with the organization.
        if (applications.Any(a => a.DeletedAt == null && !a.IsSystem))
        {
            throw Problems.OrganizationIsNotEmpty.ToException();
        }

        await publisher.Publish(new OrganizationDeletedNotification(command.OrganizationId, [.. applications.Select(a => a.Id)]), cancellationToken);
        await db.Organizations.Where(o => o.Id == command.OrganizationId).ExecuteDeleteAsync(cancellationToken);
        // Kept after the organization is gone (no foreign key), until the audit log's retention.
        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(command.OrganizationId, "organization", command.OrganizationId, "delete")), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
