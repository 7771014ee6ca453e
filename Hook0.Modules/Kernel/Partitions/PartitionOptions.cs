using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Partitions;

/// <summary>How far ahead the day partitions of the event table and the attempt history are created.</summary>
public sealed class PartitionOptions
{
    [Setting("Housekeeping", "Days ahead for which the day partitions of events and attempt history are created (at start-up and by housekeeping); a row with no partition goes to the DEFAULT one")]
    [ConfigurationKeyName("PARTITIONS_DAYS_AHEAD")]
    [Range(1, 366)]
    public int DaysAhead { get; set; } = 7;
}
