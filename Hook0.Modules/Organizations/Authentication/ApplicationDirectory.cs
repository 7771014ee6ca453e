using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Data;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>The owner of applications answers "which organization owns this live application?".</summary>
internal sealed class ApplicationDirectory(OrganizationsDbContext db) : IApplicationDirectory
{
    public async ValueTask<Guid?> GetOrganizationIdAsync(Guid applicationId, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.DeletedAt == null)
            .Select(a => (Guid?)a.OrganizationId)
            .FirstOrDefaultAsync(cancellationToken);
}
