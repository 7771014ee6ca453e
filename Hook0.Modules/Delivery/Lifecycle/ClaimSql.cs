using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Hot path, transition "claimed": take due attempts with <c>FOR UPDATE SKIP LOCKED</c> and a lease (no transaction
/// held across the HTTP call; an expired lease makes the attempt due again: at least once). Two paths, neither of which
/// walks work that cannot go now:
/// <list type="bullet">
/// <item>open: attempts of subscriptions with no limit, by due time over <c>delivery_queue_open_first_idx</c> and
/// <c>delivery_queue_open_retry_idx</c> (paused and limited subscriptions' attempts are in neither; delayed retries sit
/// past <c>now()</c>), half of the batch reserved for first tries. A row whose subscription became metered after it
/// was queued moves to its lane's path instead of being claimed;</item>
/// <item>metered: the lanes of limited subscriptions (paused ones are not in <c>delivery_lane_metered_idx</c>), each
/// locked (which serializes its limits across instances); its live in-flight entries and refilled tokens give how
/// many of its due attempts may go, taken in due order, appended to its in-flight list, tokens spent; rows left metered
/// by a race with a lane leaving the metered path are sent back to the open path on the way. A lane whose circuit is
/// open (#26) is held until its probe time, then lets one attempt be in flight; its adaptive rate lowers its rate
/// limit (or is its only one).</item>
/// </list>
/// An attempt whose event is gone (purged by retention) is cancelled (<c>event_gone</c>), not claimed. The
/// subscription's target and valid secrets (still sealed) and the payload come along: the worker reads nothing else.
/// </summary>
internal static class ClaimSql
{
    private static readonly string OpenSql = """
        WITH firsts AS (
            SELECT q.application_id, q.request_attempt_id, q.subscription_id, q.event_id, q.event_received_at, q.due_at
            FROM webhook.delivery_queue q
            WHERE NOT q.metered AND q.attempt_number = 0 AND q.due_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
            ORDER BY q.due_at
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        ), retries AS (
            SELECT q.application_id, q.request_attempt_id, q.subscription_id, q.event_id, q.event_received_at, q.due_at
            FROM webhook.delivery_queue q
            WHERE NOT q.metered AND q.attempt_number > 0 AND q.due_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
            ORDER BY q.due_at
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        ), picked AS (
            -- Half of the batch goes to first tries first, the rest oldest due first of either kind: new events never
            -- wait behind a wall of due retries, and retries are never starved. Rows locked here and not picked are
            -- released when the statement ends.
            SELECT application_id, request_attempt_id, subscription_id, event_id, event_received_at
            FROM (SELECT f.*, row_number() OVER (ORDER BY f.due_at) <= (@batch + 1) / 2 AS reserved FROM firsts f
                  UNION ALL
                  SELECT r.*, false FROM retries r) both_kinds
            ORDER BY reserved DESC, due_at
            LIMIT @batch
        ), checked AS (
            SELECT p.application_id, p.request_attempt_id, coalesce(l.metered, false) AS metered, false AS watched,
                   d.event_id IS NOT NULL AS has_event, d.payload, d.payload_content_type
            FROM picked p
            LEFT JOIN webhook.delivery_lane l ON l.subscription_id = p.subscription_id
            LEFT JOIN event.delivery_payload d ON d.application_id = p.application_id AND d.received_at = p.event_received_at AND d.event_id = p.event_id
        ), flipped AS (
            UPDATE webhook.delivery_queue q SET metered = true
            FROM checked c WHERE c.metered AND q.application_id = c.application_id AND q.request_attempt_id = c.request_attempt_id
        ), gone AS (
            DELETE FROM webhook.delivery_queue q
            USING checked c WHERE NOT c.metered AND NOT c.has_event AND q.application_id = c.application_id AND q.request_attempt_id = c.request_attempt_id
            RETURNING q.*
        ), gone_history AS (
        """ + HistorySql.Cancelled("gone") + """
        ), leased AS (
            UPDATE webhook.delivery_queue q
            SET lease_until = now() + make_interval(secs => @lease_seconds), picked_at = now(), worker_name = @worker
            FROM checked c WHERE NOT c.metered AND c.has_event AND q.application_id = c.application_id AND q.request_attempt_id = c.request_attempt_id
            RETURNING q.*
        )
        """ + Result;

    private static readonly string MeteredSql = """
        WITH strays AS (
            -- An ingest that read a lane just before it left the metered path may commit metered rows after the change
            -- moved the others: neither path would see them. Lanes unmetered in the last ten minutes (longer than any
            -- ingest transaction) send such rows back to the open path; usually an empty index range.
            UPDATE webhook.delivery_queue q SET metered = false
            FROM webhook.delivery_lane u
            WHERE NOT u.metered AND u.unmetered_at > now() - interval '10 minutes' AND q.subscription_id = u.subscription_id AND q.metered
        ), lanes AS (
            SELECT l.subscription_id, l.max_concurrency, l.tokens, l.tokens_at, l.in_flight_ids, l.in_flight_until,
                   l.circuit_state IS NOT NULL OR l.adaptive_rate_per_second IS NOT NULL AS watched, l.circuit_state IS NOT NULL AS probing,
                   -- The rate in force: the configured limit, lowered by the adaptive rate (least() ignores a null).
                   least(l.rate_limit_per_second::float8, l.adaptive_rate_per_second) AS rate,
                   -- A configured limit's bucket holds a second of its rate (ADR 0016); an adaptive rate's a tenth: a
                   -- receiver that pushed back gets its tries spaced, not in bursts it would refuse (#26, docs/benchmarks.md).
                   CASE WHEN l.adaptive_rate_per_second IS NOT NULL THEN 0.1 ELSE 1.0 END AS burst_seconds
            FROM webhook.delivery_lane l
            WHERE l.metered AND NOT l.paused AND NOT l.cli
              -- Held: an open circuit cooling down, or a receiver's Retry-After (#26).
              AND (l.held_until IS NULL OR l.held_until <= now())
              AND EXISTS (SELECT 1 FROM webhook.delivery_queue x WHERE x.subscription_id = l.subscription_id AND x.due_at <= now())
            FOR UPDATE SKIP LOCKED
        ), live AS (
            -- An entry whose lease ended no longer holds a slot: a crashed worker's slot comes back with its lease.
            SELECT lanes.*,
                   coalesce((SELECT array_agg(f.id ORDER BY f.o) FROM unnest(in_flight_ids, in_flight_until) WITH ORDINALITY f(id, until, o) WHERE f.until > now()), '{}') AS live_ids,
                   coalesce((SELECT array_agg(f.until ORDER BY f.o) FROM unnest(in_flight_ids, in_flight_until) WITH ORDINALITY f(id, until, o) WHERE f.until > now()), '{}') AS live_until,
                   -- The bucket holds at least one token, or a rate under 1/s would never send.
                   CASE WHEN rate IS NOT NULL
                        THEN least(greatest(rate * burst_seconds, 1.0), tokens + extract(epoch FROM now() - tokens_at) * rate) END AS refilled
            FROM lanes
        ), room AS (
            -- A circuit past its cool-down (half-open) lets one probe be in flight.
            SELECT live.*, greatest(0, least(@batch, coalesce(max_concurrency - cardinality(live_ids), @batch), coalesce(floor(refilled)::int, @batch),
                                             CASE WHEN probing THEN 1 - cardinality(live_ids) ELSE @batch END)) AS n
            FROM live
        ), taken AS (
            SELECT t.*
            FROM room CROSS JOIN LATERAL (
                SELECT x.application_id, x.request_attempt_id, x.subscription_id, x.event_id, x.event_received_at, x.due_at
                FROM webhook.delivery_queue x
                WHERE x.subscription_id = room.subscription_id AND x.due_at <= now() AND (x.lease_until IS NULL OR x.lease_until < now())
                ORDER BY x.due_at
                LIMIT room.n
                FOR UPDATE SKIP LOCKED) t
        ), chosen AS (
            SELECT * FROM taken ORDER BY due_at LIMIT @batch
        ), checked AS (
            SELECT c.application_id, c.request_attempt_id, c.subscription_id, true AS metered,
                   (SELECT room.watched FROM room WHERE room.subscription_id = c.subscription_id) AS watched,
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
        ), spent AS (
            UPDATE webhook.delivery_lane l
            SET in_flight_ids = room.live_ids || g.ids,
                in_flight_until = room.live_until || g.untils,
                tokens = coalesce(room.refilled - g.n, l.tokens),
                tokens_at = now()
            FROM room JOIN (SELECT subscription_id, array_agg(request_attempt_id) AS ids,
                                   array_agg(now() + make_interval(secs => @lease_seconds)) AS untils, count(*) AS n
                            FROM checked WHERE has_event GROUP BY subscription_id) g ON g.subscription_id = room.subscription_id
            WHERE l.subscription_id = room.subscription_id
        )
        """ + Result;

    /// <summary>The claimed rows with their subscription's target (shared by every claim path, <see cref="ClaimCliSql"/> too).</summary>
    internal const string Result = """
        SELECT q.request_attempt_id, q.application_id, q.subscription_id, q.event_id, q.event_type_name, q.attempt_number, q.metered,
               s.is_enabled AND s.deleted_at IS NULL AS subscription_live, c.watched,
               coalesce(s.circuit_breaker_threshold, @default_threshold) AS circuit_breaker_threshold, s.target_type, s.target_method, s.target_url, s.target_headers::text AS target_headers,
               s.secret::text AS secret, s.signature_schemes, s.retry_policy::text AS retry_policy,
               (SELECT json_agg(json_build_object('k', k.kind, 'p', k.protected_value) ORDER BY k.created_at DESC)::text
                FROM webhook.subscription_secret k
                WHERE k.subscription_id = s.subscription_id AND (k.expires_at IS NULL OR k.expires_at > now())) AS secrets,
               c.payload, c.payload_content_type,
               s.proxy, s.oauth2::text AS oauth2, s.client_certificates::text AS client_certificates, s.server_ca_pem
        FROM leased q
        JOIN checked c ON c.application_id = q.application_id AND c.request_attempt_id = q.request_attempt_id
        JOIN webhook.subscription s ON s.subscription_id = q.subscription_id
        """;

    /// <summary>The open path's statement (the claim-cost test explains it).</summary>
    public static string OpenStatement => OpenSql;

    /// <summary>The metered path's statement (the claim-cost test explains it).</summary>
    public static string MeteredStatement => MeteredSql;

    public static Task<List<ClaimedAttempt>> OpenAsync(NpgsqlDataSource db, int batch, int leaseSeconds, string worker, CancellationToken cancellationToken)
        => RunAsync(db, OpenSql, batch, leaseSeconds, worker, cancellationToken);

    public static Task<List<ClaimedAttempt>> MeteredAsync(NpgsqlDataSource db, int batch, int leaseSeconds, string worker, CancellationToken cancellationToken)
        => RunAsync(db, MeteredSql, batch, leaseSeconds, worker, cancellationToken);

    internal static async Task<List<ClaimedAttempt>> RunAsync(NpgsqlDataSource db, string sql, int batch, int leaseSeconds, string worker, CancellationToken cancellationToken,
        Action<NpgsqlCommand>? moreParameters = null)
    {
        await using var command = db.CreateCommand(sql);
        AddParameters(command, batch, leaseSeconds, worker);
        moreParameters?.Invoke(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedAttempt>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(ClaimedAttempt.Read(reader));
        }

        return claimed;
    }

    /// <summary>The claim's parameters (also used by the claim-cost test to explain the statements).</summary>
    public static void AddParameters(NpgsqlCommand command, int batch, int leaseSeconds, string worker)
    {
        command.Parameters.Add(new NpgsqlParameter<int>("batch", batch));
        command.Parameters.Add(new NpgsqlParameter<double>("lease_seconds", leaseSeconds));
        command.Parameters.Add(new NpgsqlParameter<string>("worker", worker));
        command.Parameters.Add(new NpgsqlParameter<string>("cancelled", AttemptSpelling.Of(AttemptOutcome.Cancelled)));
        command.Parameters.Add(new NpgsqlParameter<string>("cancel_reason", AttemptSpelling.Of(CancelReason.EventGone)));
        command.Parameters.Add(new NpgsqlParameter<int>("default_threshold", Protection.CircuitBreaker.DefaultThreshold));
    }
}
