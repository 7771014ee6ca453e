using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Kernel.Audit.ListAuditRecords;

/// <summary>
/// An organization's audit records, newest first, keyset-paged by (recorded_at, id). Editors only (a viewer reads the
/// organization, not who changed it). Filters are exact matches; <c>Actor</c> matches the actor's id or its kind.
/// </summary>
public sealed record ListAuditRecordsQuery(Caller Caller, Guid OrganizationId, AuditFilter Filter, string? PaginationCursor, int PageSize = ListAuditRecordsQuery.DefaultPageSize)
    : IQuery<AuditPage>, IAuthorizedRequest
{
    public const int DefaultPageSize = 50;

    /// <summary>A page of the NDJSON export: large enough to stream fast, small enough to hold in memory.</summary>
    public const int ExportPageSize = 1_000;

    public Access Access => new(Caller, Actions.AuditList, OrganizationId);
}

public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? EntityId = null, string? Action = null, string? Channel = null,
    DateTime? MinRecordedAt = null, DateTime? MaxRecordedAt = null)
{
    /// <summary>Each filter value's bound (the columns' own bounds are smaller or equal).</summary>
    public const int MaxLength = 200;

    /// <summary>Refuses a value longer than any stored one (it could match nothing, only cost a scan), naming the API's parameter.</summary>
    public void EnsureBounded()
    {
        foreach (var (name, value) in new[] { ("actor", Actor), ("entity_type", EntityType), ("entity_id", EntityId), ("action", Action), ("channel", Channel) })
        {
            if (value is { Length: > MaxLength })
            {
                throw Errors.Problems.InvalidParameter.With($"The parameter '{name}' is longer than {MaxLength} characters.");
            }
        }
    }
}

public sealed record AuditPage(IReadOnlyList<AuditRecordDto> Items, string? NextCursor);

/// <summary>One audit record on the wire.</summary>
public sealed record AuditRecordDto(
    Guid AuditRecordId,
    DateTime RecordedAt,
    Guid? OrganizationId,
    string ActorKind,
    string? ActorId,
    string Channel,
    string EntityType,
    string? EntityId,
    string Action,
    System.Text.Json.JsonElement? Diff,
    string? ClientIp,
    string? UserAgent,
    string? RequestId);
