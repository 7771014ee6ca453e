namespace Hook0.Modules.Kernel.Periodic;

/// <summary>
/// Every fixed PostgreSQL advisory lock id the server takes, in one place, so two jobs can never pick the same
/// number by accident (a test checks they are distinct). Each is "hook0" plus a suffix in ASCII, which keeps them
/// recognisable in <c>pg_locks</c>.
/// <para>
/// The quota gate's per-owner locks (<c>pg_advisory_xact_lock(hashtextextended(key, 0))</c>) are not listed: their
/// ids are hashes of a quota and its owner, not constants; a 64-bit hash meeting one of these is not a practical risk.
/// </para>
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>"hook0": one instance migrates the database while the others wait.</summary>
    public const long Migrator = 0x686F6F6B30;

    /// <summary>"hook0hk": one instance runs the housekeeping jobs.</summary>
    public const long Housekeeping = 0x686F6F6B30686B;

    /// <summary>"hook0pt": day partitions are created and dropped one change at a time (transaction-scoped).</summary>
    public const long Partitions = 0x686F6F6B307074;

    /// <summary>"hook0hm": one instance evaluates subscriptions' health.</summary>
    public const long HealthMonitor = 0x686F6F6B30686D;

    /// <summary>"hook0oe": one instance relays the operational events' outbox, oldest first.</summary>
    public const long OperationalEventRelay = 0x686F6F6B306F65;

    /// <summary>"hook0ds": one instance purges ended dashboard sessions.</summary>
    public const long DashboardSessionPurge = 0x686F6F6B306473;

    /// <summary>"hook0ce": one instance announces expiring mutual-TLS client certificates.</summary>
    public const long CertificateExpiryWatch = 0x686F6F6B306365;
}
