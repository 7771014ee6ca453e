using Npgsql;

namespace Hook0.Modules.Kernel.Periodic;

/// <summary>A session-level advisory lock taken without waiting: the holder does the work, the others skip it.</summary>
public static class AdvisoryLock
{
    /// <returns>Whether this connection now holds <paramref name="id"/> (an id from <see cref="AdvisoryLocks"/>).</returns>
    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, long id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Releases it whatever happened to the run (not cancellable: a lock left held would stop every instance).</summary>
    public static async Task ReleaseAsync(NpgsqlConnection connection, long id)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
