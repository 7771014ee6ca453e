using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>Not authorized: a portal page needs its application's framing and branding before anyone is known; nothing in it is secret.</summary>
internal sealed class GetPortalSettingsHandler(OrganizationsDbContext db) : IQueryHandler<GetPortalSettingsQuery, PortalSettingsDto?>
{
    public async ValueTask<PortalSettingsDto?> Handle(GetPortalSettingsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Applications.AsNoTracking().AnyAsync(a => a.Id == query.ApplicationId && a.DeletedAt == null, cancellationToken))
        {
            return null;
        }

        var settings = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ApplicationId == query.ApplicationId, cancellationToken);
        return ToDto(settings ?? new PortalSettings { ApplicationId = query.ApplicationId });
    }

    public static PortalSettingsDto ToDto(PortalSettings s) => new(s.ApplicationId, s.AllowedOrigins, s.DisplayName, s.LogoUrl, s.AccentColor, s.Theme);
}
