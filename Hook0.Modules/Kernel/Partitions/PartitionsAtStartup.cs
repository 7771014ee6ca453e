using Hook0.Modules.Kernel.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Partitions;

/// <summary>
/// Creates the day partitions ahead before the gate opens, so the first writes of a fresh or long-stopped instance
/// land in their day's partition even when housekeeping is off (a write with no partition would go to DEFAULT,
/// never fail).
/// </summary>
internal sealed partial class PartitionsAtStartup(PartitionUpkeep upkeep, ILogger<PartitionsAtStartup> logger) : IStartupDataStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await upkeep.RunAsync(cancellationToken);
            LogCreated(logger, created);
        }
        catch (PostgresException e)
        {
            // A lock not obtained in time: writes go to DEFAULT meanwhile, the next start or housekeeping run catches up.
            LogPostponed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Day partitions: {Count} created")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Day partitions could not be created now; rows go to the DEFAULT partitions until housekeeping or the next start does it")]
    private static partial void LogPostponed(ILogger logger, Exception exception);
}
