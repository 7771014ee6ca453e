namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// One row of <c>infrastructure.audit_record</c>: who did what to which entity, when, from where. Created by the
/// AuditLog migration's SQL (partitioned by day, append-only trigger), mapped here for reads only.
/// </summary>
internal sealed class AuditRecord
{
    public Guid AuditRecordId { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>The organization acted on; null for a user's own account records (sign-ins).</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>The user an account record (sign-in, failed sign-in, lockout) is about.</summary>
    public Guid? SubjectUserId { get; set; }

    public string ActorKind { get; set; } = "";

    public string? ActorId { get; set; }

    public string Channel { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string? EntityId { get; set; }

    public string Action { get; set; } = "";

    /// <summary>JSON object of changed fields (<c>{"field": {"from": …, "to": …}}</c>), secrets masked.</summary>
    public string? Diff { get; set; }

    public string? ClientIp { get; set; }

    public string? UserAgent { get; set; }

    public string? RequestId { get; set; }
}
