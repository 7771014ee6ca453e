using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Partitions;

/// <summary>
/// What start-up and housekeeping both do for every registered table: adopt the days the DEFAULT partition holds,
/// then make sure yesterday, today and <see cref="PartitionOptions.DaysAhead"/> days ahead have their partitions.
/// </summary>
public sealed class PartitionUpkeep(PartitionKeeper keeper, IEnumerable<DayPartitionedTable> tables, IOptions<PartitionOptions> options, TimeProvider time)
{
    /// <returns>The partitions created.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var created = 0;
        foreach (var table in tables)
        {
            created += await keeper.AdoptDefaultAsync(table, cancellationToken);
            created += await keeper.EnsureAsync(table, today.AddDays(-1), today.AddDays(options.Value.DaysAhead), cancellationToken);
        }

        return created;
    }
}
