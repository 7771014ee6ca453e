using System.Globalization;
using Hook0.Modules.Kernel.Periodic;
using Npgsql;

namespace Hook0.Modules.Kernel.Partitions;

/// <summary>
/// Keeps the day partitions of the tables the modules register (<see cref="DayPartitionedTable"/>): creates them
/// ahead, adopts what the DEFAULT partition holds, lists them, drops whole days past a cutoff.
/// <para>
/// Every change runs in its own short transaction under one advisory lock (instances starting together and
/// housekeeping take turns) with a lock timeout, so a keeper that cannot get its locks gives up until the next run
/// instead of queueing ingestion and delivery behind it.
/// </para>
/// <para>
/// Creating a day: PostgreSQL refuses a partition whose range has rows in DEFAULT, so the day is created as a plain
/// table, the DEFAULT partition is locked (writes routed to it wait for the few milliseconds this takes; writes to
/// every other day go on), its rows of that day are moved into the new table, and the table is attached (which
/// builds its indexes and checks its foreign keys and bounds on the moved rows only). Normally DEFAULT is empty and
/// this costs one scan of an empty table.
/// </para>
/// </summary>
public sealed class PartitionKeeper(NpgsqlDataSource db)
{
    private const string LockTimeout = "5s";

    /// <summary>Creates the partitions of <paramref name="from"/> … <paramref name="to"/> (inclusive) that are missing.</summary>
    /// <returns>The partitions created.</returns>
    public async Task<int> EnsureAsync(DayPartitionedTable table, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var existing = (await ListAsync(table, cancellationToken)).Select(p => p.Day).ToHashSet();
        var created = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!existing.Contains(day) && await CreateAsync(table, day, cancellationToken))
            {
                created++;
            }
        }

        return created;
    }

    /// <summary>Creates a partition for every day the DEFAULT partition holds rows of (moving them into it).</summary>
    public async Task<int> AdoptDefaultAsync(DayPartitionedTable table, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(
            $"SELECT DISTINCT ({table.Column} AT TIME ZONE 'UTC')::date FROM {table.Default} ORDER BY 1");
        var days = new List<DateOnly>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }

        var created = 0;
        foreach (var day in days)
        {
            if (await CreateAsync(table, day, cancellationToken))
            {
                created++;
            }
        }

        return created;
    }

    /// <summary>The table's day partitions, oldest first (DEFAULT and partitions not named by the keeper are left out).</summary>
    public async Task<IReadOnlyList<DayPartition>> ListAsync(DayPartitionedTable table, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("""
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table.Qualified });
        var prefix = $"{table.Table}_p";
        var partitions = new List<DayPartition>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                // The day is read from the keeper's own naming, not parsed out of the bound expression.
                if (name.StartsWith(prefix, StringComparison.Ordinal)
                    && DateOnly.TryParseExact(name[prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    partitions.Add(new DayPartition(name, day, reader.GetString(1)));
                }
            }
        }

        return [.. partitions.OrderBy(p => p.Day)];
    }

    /// <summary>
    /// Drops every day partition entirely older than <paramref name="cutoff"/> (counts their rows first);
    /// with <paramref name="reportOnly"/>, only counts. <paramref name="beforeDrop"/> removes what refers to a
    /// partition's rows from outside it, before its drop and in its own transactions: a crash between leaves rows
    /// without their references, never references without their rows.
    /// </summary>
    /// <returns>The partitions dropped (or that would be) and how many rows they held.</returns>
    public async Task<(IReadOnlyList<DayPartition> Partitions, long Rows)> DropOlderThanAsync(DayPartitionedTable table, DateTime cutoff, bool reportOnly,
        Func<DayPartition, CancellationToken, Task>? beforeDrop, CancellationToken cancellationToken)
    {
        var doomed = (await ListAsync(table, cancellationToken)).Where(p => p.EntirelyBefore(cutoff)).ToList();
        long rows = 0;
        foreach (var partition in doomed)
        {
            var qualified = $"{table.Schema}.{partition.Name}";
            if (!reportOnly && beforeDrop is not null)
            {
                await beforeDrop(partition, cancellationToken);
            }

            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, transaction, cancellationToken);
            if (await ScalarAsync(connection, transaction, "SELECT to_regclass($1) IS NOT NULL", cancellationToken, qualified) is not true)
            {
                continue; // another run dropped it meanwhile
            }

            // An index-only count on an insert-only day (its visibility map is set by autovacuum): the drop itself is
            // a catalogue change, whatever the day's size.
            rows += (long)(await ScalarAsync(connection, transaction, $"SELECT count(*) FROM {qualified}", cancellationToken))!;
            if (!reportOnly)
            {
                await ExecuteAsync(connection, transaction, $"DROP TABLE {qualified}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return (doomed, rows);
    }

    /// <returns>Whether this call created it (false when it already existed).</returns>
    private async Task<bool> CreateAsync(DayPartitionedTable table, DateOnly day, CancellationToken cancellationToken)
    {
        var name = table.PartitionName(day);
        var qualified = $"{table.Schema}.{name}";
        var from = Literal(day);
        var to = Literal(day.AddDays(1));
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        if (await ScalarAsync(connection, transaction, "SELECT to_regclass($1) IS NOT NULL", cancellationToken, qualified) is true)
        {
            return false;
        }

        // DEFAULT first: from here no write can route a row of this day into it until the partition is attached.
        // hook0.partition_move lets an append-only table's trigger (the audit log's) allow this move, and only it.
        await ExecuteAsync(connection, transaction, $"""
            LOCK TABLE {table.Default} IN ACCESS EXCLUSIVE MODE;
            SET LOCAL hook0.partition_move = 'on';
            CREATE TABLE {qualified} (LIKE {table.Qualified} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE);
            WITH moved AS (DELETE FROM {table.Default} WHERE {table.Column} >= {from} AND {table.Column} < {to} RETURNING *)
            INSERT INTO {qualified} SELECT * FROM moved;
            ALTER TABLE {table.Qualified} ATTACH PARTITION {qualified} FOR VALUES FROM ({from}) TO ({to});
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Literal(DateOnly day) => $"'{day:yyyy-MM-dd} 00:00:00+00'::timestamptz";

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        => await ExecuteAsync(connection, transaction,
            $"SET LOCAL lock_timeout = '{LockTimeout}'; SELECT pg_advisory_xact_lock({AdvisoryLocks.Partitions})", cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken,
        params string[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = p });
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
