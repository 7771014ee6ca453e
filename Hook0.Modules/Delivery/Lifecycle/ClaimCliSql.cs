using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Hot path, transition "claimed" for cli targets: the instance holding <c>hook0 listen</c> connections claims the due
/// attempts of those subscriptions only (passed as <c>@subscriptions</c>), one per listener at a time (a listener
/// forwards in due order). Their lanes are metered and marked <c>cli</c>, so neither the open path (its rows are
/// metered) nor the shared metered claim (<c>NOT l.cli</c>) takes them: while no listener is connected they wait,
/// consuming no retry. The rest (payload, gone events, lease, result) is the other paths' (<see cref="ClaimSql"/>).
/// </summary>
internal static class ClaimCliSql
{
    private static readonly string Sql = """
        WITH chosen AS (
            SELECT x.application_id, x.request_attempt_id, x.subscription_id, x.event_id, x.event_received_at, x.due_at
            FROM webhook.delivery_lane l
            CROSS JOIN LATERAL (
                SELECT q.application_id, q.request_attempt_id, q.subscription_id, q.event_id, q.event_received_at, q.due_at
                FROM webhook.delivery_queue q
                WHERE q.subscription_id = l.subscription_id AND q.metered AND q.due_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
                ORDER BY q.due_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED) x
            WHERE l.subscription_id = ANY(@subscriptions) AND l.cli AND NOT l.paused
            LIMIT @batch
        ), checked AS (
            -- Not watched: a listener's answers do not drive the circuit breaker or the adaptive rate (#26).
            SELECT c.application_id, c.request_attempt_id, c.subscription_id, true AS metered, false AS watched,
                   d.event_id IS NOT NULL AS has_event, d.payload, d.payload_content_type
            FROM chosen c
            LEFT JOIN event.delivery_payload d ON d.application_id = c.application_id AND d.received_at = c.event_received_at AND d.event_id = c.event_id
        ), gone AS (
            DELETE FROM webhook.delivery_queue q
            USING checked c WHERE NOT c.has_event AND q.application_id = c.application_id AND q.request_attempt_id = c.request_attempt_id
            RETURNING q.*
        ), gone_history AS (
        """ + HistorySql.Cancelled("gone") + """
        ), leased AS (
            UPDATE webhook.delivery_queue q
            SET lease_until = now() + make_interval(secs => @lease_seconds), picked_at = now(), worker_name = @worker
            FROM checked c WHERE c.has_event AND q.application_id = c.application_id AND q.request_attempt_id = c.request_attempt_id
            RETURNING q.*
        )
        """ + ClaimSql.Result;

    public static string Statement => Sql;

    public static Task<List<ClaimedAttempt>> ClaimAsync(NpgsqlDataSource db, IReadOnlyCollection<Guid> subscriptions, int leaseSeconds, string worker,
        CancellationToken cancellationToken)
        => subscriptions.Count == 0
            ? Task.FromResult(new List<ClaimedAttempt>())
            : ClaimSql.RunAsync(db, Sql, subscriptions.Count, leaseSeconds, worker, cancellationToken,
                c => c.Parameters.Add(new NpgsqlParameter<Guid[]>("subscriptions", [.. subscriptions])));
}
