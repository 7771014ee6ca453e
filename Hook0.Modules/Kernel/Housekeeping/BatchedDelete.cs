using Npgsql;

namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>
/// Deletes in small batches, each its own short transaction, so a large purge never holds locks that
/// would keep ingestion or delivery waiting.
/// </summary>
public static class BatchedDelete
{
    public const int BatchSize = 1000;

    /// <param name="deleteBatchSql">Deletes at most <see cref="BatchSize"/> rows (<c>@batch</c>) and selects how many it deleted.</param>
    /// <param name="db">The database.</param>
    /// <param name="countSql">The same selection, counted (for report-only runs).</param>
    /// <param name="reportOnly">Count, delete nothing.</param>
    /// <param name="parameters">Adds the statements' parameters.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static async Task<long> RunAsync(NpgsqlDataSource db, string deleteBatchSql, string countSql, bool reportOnly,
        Action<NpgsqlParameterCollection> parameters, CancellationToken cancellationToken)
    {
        if (reportOnly)
        {
            await using var count = db.CreateCommand(countSql);
            parameters(count.Parameters);
            return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        long total = 0;
        while (true)
        {
            await using var delete = db.CreateCommand(deleteBatchSql);
            parameters(delete.Parameters);
            delete.Parameters.AddWithValue("batch", BatchSize);
            var removed = (long)(await delete.ExecuteScalarAsync(cancellationToken))!;
            total += removed;
            if (removed < BatchSize)
            {
                return total;
            }
        }
    }
}
