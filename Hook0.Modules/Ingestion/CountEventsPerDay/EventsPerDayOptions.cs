using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Ingestion.CountEventsPerDay;

public sealed class EventsPerDayOptions
{
    [Setting("Housekeeping", "Seconds between two refreshes of the events-per-day aggregate")]
    [ConfigurationKeyName("MATERIALIZED_VIEWS_REFRESH_PERIOD_IN_S")]
    [Range(1, int.MaxValue)]
    public int RefreshPeriodSeconds { get; set; } = 60;
}
