namespace Hook0.Modules.Ingestion.Domain;

/// <summary>Events received per application and UTC day, kept up to date by <c>EventsPerDayRefresher</c>.</summary>
internal sealed class EventsPerDay
{
    public Guid ApplicationId { get; set; }
    public DateOnly Day { get; set; }
    public int Amount { get; set; }
}
