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
}
