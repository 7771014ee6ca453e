using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.SystemApplication;

/// <summary>
/// Creates the system application at most once per organization (a partial unique index arbitrates
/// concurrent first uses). It gets no application secret: nobody authenticates as it.
/// </summary>
internal sealed class GetOrCreateSystemApplicationHandler(OrganizationsDbContext db, TimeProvider time) : ICommandHandler<GetOrCreateSystemApplicationCommand, Guid?>
{
    public const string Name = "Hook0 operational events";

    public async ValueTask<Guid?> Handle(GetOrCreateSystemApplicationCommand command, CancellationToken cancellationToken)
    {
        if (await FindAsync(command.OrganizationId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO iam.application (application_id, organization_id, name, created_at, is_system)
            SELECT {Guid.NewGuid()}, organization_id, {Name}, {now}, true FROM iam.organization WHERE organization_id = {command.OrganizationId}
            ON CONFLICT (organization_id) WHERE is_system AND deleted_at IS NULL DO NOTHING
            """, cancellationToken);
        return await FindAsync(command.OrganizationId, cancellationToken);
    }

    private async Task<Guid?> FindAsync(Guid organizationId, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && a.IsSystem && a.DeletedAt == null)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
