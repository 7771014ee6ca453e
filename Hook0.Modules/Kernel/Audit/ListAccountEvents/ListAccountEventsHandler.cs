using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Data;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Kernel.Audit.ListAccountEvents;

/// <summary>One scan of <c>audit_record_subject_user_idx</c> (subject_user_id, recorded_at DESC, id DESC), limited.</summary>
internal sealed class ListAccountEventsHandler(InfrastructureDbContext db) : IQueryHandler<ListAccountEventsQuery, IReadOnlyList<AccountEventDto>>
{
    public async ValueTask<IReadOnlyList<AccountEventDto>> Handle(ListAccountEventsQuery query, CancellationToken cancellationToken)
    {
        if (query.Caller is not { Kind: CallerKind.User, UserId: { } userId })
        {
            throw Problems.Forbidden.ToException();
        }

        var limit = Math.Clamp(query.Limit, 1, 100);
        return await db.AuditRecords.AsNoTracking()
            .Where(r => r.SubjectUserId == userId)
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.AuditRecordId)
            .Take(limit)
            .Select(r => new AccountEventDto(r.RecordedAt, r.Action, r.Channel, r.ClientIp, r.UserAgent))
            .ToListAsync(cancellationToken);
    }
}
