using System.Text.Json;
using Hook0.Modules.Kernel.Data;
using Hook0.Modules.Kernel.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Kernel.Audit.ListAuditRecords;

/// <summary>One index scan of <c>audit_record_organization_idx</c> (organization, recorded_at DESC, id DESC) from the cursor, filtered, limited.</summary>
internal sealed class ListAuditRecordsHandler(InfrastructureDbContext db) : IQueryHandler<ListAuditRecordsQuery, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditRecordsQuery query, CancellationToken cancellationToken)
    {
        query.Filter.EnsureBounded();
        var records = Filtered(db.AuditRecords.AsNoTracking().Where(r => r.OrganizationId == query.OrganizationId), query.Filter);
        if (query.PaginationCursor is { Length: > 0 } text)
        {
            var cursor = KeysetCursor.Decode(text);
            records = records.Where(r => r.RecordedAt < cursor.Date || (r.RecordedAt == cursor.Date && r.AuditRecordId.CompareTo(cursor.Id) < 0));
        }

        var size = Math.Clamp(query.PageSize, 1, ListAuditRecordsQuery.ExportPageSize);
        var rows = await records.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.AuditRecordId).Take(size).ToListAsync(cancellationToken);
        var items = rows.Select(ToDto).ToList();
        var next = items.Count == size ? new KeysetCursor(rows[^1].RecordedAt, rows[^1].AuditRecordId).Encode() : null;
        return new AuditPage(items, next);
    }

    internal static IQueryable<AuditRecord> Filtered(IQueryable<AuditRecord> records, AuditFilter filter)
    {
        if (filter.Actor is { Length: > 0 } actor)
        {
            records = records.Where(r => r.ActorId == actor || r.ActorKind == actor);
        }

        if (filter.EntityType is { Length: > 0 } entityType)
        {
            records = records.Where(r => r.EntityType == entityType);
        }

        if (filter.EntityId is { Length: > 0 } entityId)
        {
            records = records.Where(r => r.EntityId == entityId);
        }

        if (filter.Action is { Length: > 0 } action)
        {
            records = records.Where(r => r.Action == action);
        }

        if (filter.Channel is { Length: > 0 } channel)
        {
            records = records.Where(r => r.Channel == channel);
        }

        if (filter.MinRecordedAt is { } min)
        {
            records = records.Where(r => r.RecordedAt >= min);
        }

        if (filter.MaxRecordedAt is { } max)
        {
            records = records.Where(r => r.RecordedAt <= max);
        }

        return records;
    }

    internal static AuditRecordDto ToDto(AuditRecord r) => new(r.AuditRecordId, r.RecordedAt, r.OrganizationId, r.ActorKind, r.ActorId, r.Channel,
        r.EntityType, r.EntityId, r.Action, r.Diff is null ? null : Parse(r.Diff), r.ClientIp, r.UserAgent, r.RequestId);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
