using Npgsql;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// Which database failures are the database's state, not the statement's fault: a retry later may succeed.
/// Persistence knowledge, so it lives here rather than in the HTTP error handler that answers them with 503:
/// the ingest group commit uses the same test to decide whether one bad event failed the group (replay it
/// alone) or the database did (fail the whole group).
/// </summary>
internal static class TransientFailures
{
    /// <summary>
    /// Whether the exception, or one it wraps, is transient: lock not available (55P03), too many connections
    /// (53300), an administrator or crash shutdown (57P01–57P03), a statement timeout or cancel (57014), any
    /// connection exception (class 08), a failure Npgsql itself calls transient, or a timeout.
    /// </summary>
    public static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is "55P03" or "53300" or "57P01" or "57P02" or "57P03" or "57014"
                    || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
