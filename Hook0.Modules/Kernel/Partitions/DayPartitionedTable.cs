namespace Hook0.Modules.Kernel.Partitions;

/// <summary>
/// A table a module partitions by day (<c>PARTITION BY RANGE (column)</c>, UTC days) with a DEFAULT partition named
/// <c>{table}_default</c>. The module that owns the table registers it; <see cref="PartitionKeeper"/> keeps its day
/// partitions (<c>{table}_pYYYYMMDD</c>) without knowing what the table holds.
/// </summary>
public sealed record DayPartitionedTable(string Schema, string Table, string Column)
{
    public string Qualified => $"{Schema}.{Table}";

    public string Default => $"{Schema}.{Table}_default";

    public string PartitionName(DateOnly day) => $"{Table}_p{day:yyyyMMdd}";
}
