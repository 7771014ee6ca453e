using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// A subscription's lane (<c>webhook.delivery_lane</c>): created with the subscription, and kept in step with its pause
/// and limits in the transaction that changes them. A change of path (metered or open) moves the subscription's queued
/// attempts to that path in the same statement; a resume wakes the workers at commit. A cli target's lane is metered
/// (its attempts stay out of the open path) and marked <c>cli</c>: only the instance holding its listener claims them
/// (<see cref="ClaimCliSql"/>), never the shared metered claim.
/// </summary>
internal static class LaneSql
{
    private const string Sql = """
        WITH lane AS (
            INSERT INTO webhook.delivery_lane AS l (application_id, subscription_id, metered, paused, max_concurrency, rate_limit_per_second, tokens, tokens_at, cli)
            VALUES (@application_id, @subscription_id, @paused OR @max_concurrency::int IS NOT NULL OR @rate::int IS NOT NULL OR @cli, @paused, @max_concurrency, @rate,
                    coalesce(@rate::int, 0), now(), @cli)
            ON CONFLICT (application_id, subscription_id) DO UPDATE
            -- An open circuit or a reduced rate (#26) keeps the lane metered whatever the edit.
            SET metered = excluded.metered OR l.circuit_state IS NOT NULL OR l.adaptive_rate_per_second IS NOT NULL,
                paused = excluded.paused, cli = excluded.cli, max_concurrency = excluded.max_concurrency,
                rate_limit_per_second = excluded.rate_limit_per_second,
                tokens = CASE WHEN l.rate_limit_per_second IS DISTINCT FROM excluded.rate_limit_per_second THEN excluded.tokens ELSE l.tokens END,
                tokens_at = CASE WHEN l.rate_limit_per_second IS DISTINCT FROM excluded.rate_limit_per_second THEN now() ELSE l.tokens_at END,
                unmetered_at = CASE WHEN l.metered AND NOT (excluded.metered OR l.circuit_state IS NOT NULL OR l.adaptive_rate_per_second IS NOT NULL)
                                    THEN now() ELSE l.unmetered_at END
            RETURNING l.metered
        ), moved AS (
            UPDATE webhook.delivery_queue q SET metered = lane.metered
            FROM lane WHERE q.subscription_id = @subscription_id AND q.metered <> lane.metered
        )
        SELECT CASE WHEN NOT @paused THEN pg_notify('hook0_attempts', '') END
        """;

    public static async Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid applicationId, Guid subscriptionId, bool paused,
        int? maxConcurrency, int? rateLimitPerSecond, CancellationToken cancellationToken, bool cli = false)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", applicationId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("subscription_id", subscriptionId));
        command.Parameters.Add(new NpgsqlParameter<bool>("paused", paused));
        command.Parameters.Add(new NpgsqlParameter("max_concurrency", NpgsqlDbType.Integer) { Value = (object?)maxConcurrency ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("rate", NpgsqlDbType.Integer) { Value = (object?)rateLimitPerSecond ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<bool>("cli", cli));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
