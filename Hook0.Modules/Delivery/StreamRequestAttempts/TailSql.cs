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
                                  'infinity')) AS at,
                   -- A stream "from now" starts at the database's clock (the one completed_at is stamped with), not an instance's.
                   coalesce(@after_at, now()) AS start
        )
        SELECT h.at, h.start, a.request_attempt_id, a.event_id, a.event_type_name, a.subscription_id, a.created_at, a.picked_at, a.completed_at,
               a.outcome, a.delay_until, a.response_id, a.attempt_number, a.http_code
        FROM horizon h
        LEFT JOIN LATERAL (
            SELECT * FROM webhook.attempt a
            WHERE a.application_id = @application_id
              AND a.completed_at >= h.start
              AND (a.completed_at, a.request_attempt_id) > (h.start, @after_id)
              AND a.completed_at <= h.at
              AND a.created_at <= h.at
            ORDER BY a.completed_at, a.request_attempt_id
            LIMIT @batch) a ON true
        """;

    public static string Statement => Sql;

    /// <summary>
    /// The rows after <paramref name="after"/> (null: from the database's now) — at most <see cref="Batch"/> — the horizon
    /// they were read up to, and the cursor the read started from.
    /// </summary>
    public static async Task<(List<TailRow> Rows, DateTime Horizon, AttemptCursor Start)> ReadAsync(NpgsqlDataSource db, Guid applicationId, AttemptCursor? after,
        double lagSeconds, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", applicationId));
        command.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlTypes.NpgsqlDbType.TimestampTz)
        {
            Value = after is null ? DBNull.Value : DateTime.SpecifyKind(after.Date, DateTimeKind.Utc),
        });
        command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", after?.Id ?? AttemptKeyset.LastId));
        command.Parameters.Add(new NpgsqlParameter<double>("lag_seconds", lagSeconds));
        command.Parameters.Add(new NpgsqlParameter<int>("batch", Batch));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TailRow>();
        var horizon = DateTime.MinValue;
        var start = after;
        while (await reader.ReadAsync(cancellationToken))
        {
            horizon = reader.GetFieldValue<DateTime>(0);
            start ??= new AttemptCursor(reader.GetFieldValue<DateTime>(1), AttemptKeyset.LastId);
            if (reader.IsDBNull(2))
            {
                continue; // nothing after the cursor: the horizon alone
            }

            var completed = reader.GetFieldValue<DateTime>(8);
            var succeeded = reader.GetString(9) == AttemptProjection.Succeeded;
            rows.Add(new TailRow(completed, new AttemptProjection.AttemptRow(
                reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4), reader.GetGuid(5), reader.GetFieldValue<DateTime>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTime>(7),
                succeeded ? null : completed, succeeded ? completed : null,
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTime>(10),
                reader.IsDBNull(11) ? null : reader.GetGuid(11),
                reader.GetInt16(12),
                reader.IsDBNull(13) ? null : reader.GetInt16(13))));
        }

        return (rows, horizon, start!);
    }
}

/// <summary>A finished attempt as the tail reads it: its completion time (the cursor's date) and its list row.</summary>
internal sealed record TailRow(DateTime CompletedAt, AttemptProjection.AttemptRow Row)
{
    public AttemptCursor Cursor => new(CompletedAt, Row.Id);
}
