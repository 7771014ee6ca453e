namespace Hook0.Modules.Organizations.Domain;

/// <summary>A Hook0 application (named so to avoid clashing with the word's other meanings in .NET).</summary>
internal sealed class HookApplication
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public int? EventsPerDayLimit { get; set; }
    public int? DaysOfEventsRetentionLimit { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>
    /// The organization's system application (one at most): Hook0's operational events about the
    /// organization are ingested into it. Quotas do not count it; it is not listed, renamed or deleted.
    /// </summary>
    public bool IsSystem { get; set; }

    /// <summary>
    /// Whether its JSON events are indexed for payload search (off by default: the index costs ingest, up to a third
    /// of its rate for payloads with tens of distinct values, ADR 0025). Read by Ingestion at every ingest, through
    /// <c>GetPayloadSearchQuery</c>.
    /// </summary>
    public bool PayloadSearch { get; set; }
}
