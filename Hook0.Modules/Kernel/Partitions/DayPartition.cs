namespace Hook0.Modules.Kernel.Partitions;

/// <summary>One day partition: its name, the day it holds (UTC) and its bounds as PostgreSQL prints them.</summary>
public sealed record DayPartition(string Name, DateOnly Day, string Bounds)
{
    public DateTime From => Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime To => Day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The partition holds nothing at or after <paramref name="cutoff"/>: it can be dropped whole.</summary>
    public bool EntirelyBefore(DateTime cutoff) => To <= cutoff;
}
