using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Data;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>The owner of applications answers "which organization owns this live application?".</summary>
internal sealed class ApplicationDirectory(OrganizationsDbOnDemand db, OrganizationsCaches caches) : IApplicationDirectory
{
    public async ValueTask<Guid?> GetOrganizationIdAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var owner = await caches.Applications.GetOrLoadAsync(applicationId, async (id, ct) =>
            await db.Db.Applications.AsNoTracking()
                .Where(a => a.Id == id && a.DeletedAt == null)
                .Select(a => new OwnerOrganization(a.OrganizationId))
                .FirstOrDefaultAsync(ct), cancellationToken);
        return owner?.OrganizationId;
    }
}
