using Hook0.Modules.Delivery.ListRequestAttempts;
using Npgsql;

namespace Hook0.Modules.Delivery.StreamRequestAttempts;

/// <summary>
/// The tail's one statement: an application's finished attempts after a (completed_at, id) cursor, in completion
/// order, up to a horizon behind which every recording transaction has committed (the analytics roll-up's rule: the
/// lag, and the oldest transaction still writing). The history is insert-only and BRIN-indexed on completed_at, so a
/// cursor near now reads only the newest blocks; <c>created_at &lt;= horizon</c> prunes the partitions made ahead.
/// </summary>
internal static class TailSql
{
    public const int Batch = 100;

    private const string Sql = """
        WITH horizon AS (
            SELECT least(now() - make_interval(secs => @lag_seconds),
                         coalesce((SELECT min(xact_start) FROM pg_stat_activity
                                   WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND xact_start > now() - interval '10 minutes'),
                                  'infinity')) AS at
        )
        SELECT h.at, a.request_attempt_id, a.event_id, a.event_type_name, a.subscription_id, a.created_at, a.picked_at, a.completed_at,
               a.outcome, a.delay_until, a.response_id, a.attempt_number, a.http_code
        FROM horizon h
        LEFT JOIN LATERAL (
            SELECT * FROM webhook.attempt a
            WHERE a.application_id = @application_id
              AND a.completed_at >= @after_at
              AND (a.completed_at, a.request_attempt_id) > (@after_at, @after_id)
              AND a.completed_at <= h.at
              AND a.created_at <= h.at
            ORDER BY a.completed_at, a.request_attempt_id
            LIMIT @batch) a ON true
        """;

    public static string Statement => Sql;

    /// <summary>The rows after <paramref name="after"/> (at most <see cref="Batch"/>) and the horizon they were read up to.</summary>
    public static async Task<(List<TailRow> Rows, DateTime Horizon)> ReadAsync(NpgsqlDataSource db, Guid applicationId, AttemptCursor after, double lagSeconds,
        CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", applicationId));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("after_at", DateTime.SpecifyKind(after.Date, DateTimeKind.Utc)));
        command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", after.Id));
        command.Parameters.Add(new NpgsqlParameter<double>("lag_seconds", lagSeconds));
        command.Parameters.Add(new NpgsqlParameter<int>("batch", Batch));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TailRow>();
        var horizon = DateTime.MinValue;
        while (await reader.ReadAsync(cancellationToken))
        {
            horizon = reader.GetFieldValue<DateTime>(0);
            if (reader.IsDBNull(1))
            {
                continue; // nothing after the cursor: the horizon alone
            }

            var completed = reader.GetFieldValue<DateTime>(7);
            var succeeded = reader.GetString(8) == AttemptProjection.Succeeded;
            rows.Add(new TailRow(completed, new AttemptProjection.AttemptRow(
                reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetGuid(4), reader.GetFieldValue<DateTime>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTime>(6),
                succeeded ? null : completed, succeeded ? completed : null,
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTime>(9),
                reader.IsDBNull(10) ? null : reader.GetGuid(10),
                reader.GetInt16(11),
                reader.IsDBNull(12) ? null : reader.GetInt16(12))));
        }

        return (rows, horizon);
    }
}

/// <summary>A finished attempt as the tail reads it: its completion time (the cursor's date) and its list row.</summary>
internal sealed record TailRow(DateTime CompletedAt, AttemptProjection.AttemptRow Row)
{
    public AttemptCursor Cursor => new(CompletedAt, Row.Id);
}
