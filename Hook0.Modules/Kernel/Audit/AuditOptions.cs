using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Audit;

/// <summary>How long the audit log is kept (whole days are dropped by housekeeping once past it).</summary>
public sealed class AuditOptions
{
    [Setting("Audit log", "Days audit records are kept (also after their organization is deleted); older days are dropped whole by housekeeping")]
    [ConfigurationKeyName("AUDIT_LOG_RETENTION_IN_DAYS")]
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 365;
}
