namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// A named set of quota limits an organization can be put on (upstream's pricing plans, without the
/// pricing). A null limit falls back to the global setting.
/// </summary>
internal sealed class Plan
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Label { get; set; }
    public int? MembersPerOrganizationLimit { get; set; }
    public int? ApplicationsPerOrganizationLimit { get; set; }
    public int? EventsPerDayLimit { get; set; }
    public int? DaysOfEventsRetentionLimit { get; set; }
    public int? SubscriptionsPerApplicationLimit { get; set; }
    public int? EventTypesPerApplicationLimit { get; set; }
    public DateTime CreatedAt { get; set; }
}
