using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.DashboardSessions;

internal sealed class ListDashboardSessionsHandler(OrganizationsDbContext db, IOptions<DashboardSessionOptions> options, TimeProvider time)
    : IQueryHandler<ListDashboardSessionsQuery, DashboardSessionList>
{
    /// <summary>Bounds the page: a user with more live sessions than this signs out everywhere.</summary>
    public const int Limit = 100;

    public async ValueTask<DashboardSessionList> Handle(ListDashboardSessionsQuery query, CancellationToken cancellationToken)
    {
        var userId = query.Caller.UserId ?? throw Problems.Forbidden.ToException();
        var now = time.UtcNowForDatabase();
        var idleSince = now - options.Value.IdleTimeout;
        var sessions = await db.DashboardSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt).ThenBy(s => s.Id)
            .Take(Limit)
            .Select(s => new DashboardSessionInfo(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.UserAgent, s.Address))
            .ToListAsync(cancellationToken);
        return new DashboardSessionList(sessions, options.Value.IdleTimeout, options.Value.AbsoluteTimeout);
    }
}
