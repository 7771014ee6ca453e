using Npgsql;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>
/// Hot path: claim due attempts, oldest first, with <c>FOR UPDATE SKIP LOCKED</c> and a lease instead of
/// a transaction held across the HTTP call. An attempt whose lease expired (its worker died) is due
/// again: delivery is at least once. Paused subscriptions keep their attempts waiting; a subscription
/// at its concurrency limit is skipped until one of its deliveries ends, one at its rate limit until
/// its last second of deliveries has passed. The subscription's valid secrets come along, still sealed.
/// </summary>
internal static class AttemptClaimSql
{
    private const string Sql = """
        WITH due AS (
            SELECT a.request_attempt_id
            FROM webhook.request_attempt a
            JOIN webhook.subscription s ON s.subscription_id = a.subscription_id
            WHERE a.succeeded_at IS NULL AND a.failed_at IS NULL
              AND (a.delay_until IS NULL OR a.delay_until <= now())
              AND (a.lease_until IS NULL OR a.lease_until < now())
              AND NOT s.is_paused
              AND (NOT @first_tries_only OR a.retry_count = 0)
              AND (s.max_concurrency IS NULL OR s.max_concurrency > (
                    SELECT count(*) FROM webhook.request_attempt x
                    WHERE x.subscription_id = s.subscription_id AND x.succeeded_at IS NULL AND x.failed_at IS NULL
                      AND x.lease_until >= now()))
              AND (s.rate_limit_per_second IS NULL OR s.rate_limit_per_second > (
                    SELECT count(*) FROM webhook.request_attempt x
                    WHERE x.subscription_id = s.subscription_id AND x.picked_at > now() - interval '1 second'))
            ORDER BY a.created_at
            LIMIT @batch
            FOR UPDATE OF a SKIP LOCKED
        )
        UPDATE webhook.request_attempt a
        SET picked_at = now(), lease_until = now() + make_interval(secs => @lease_seconds), worker_name = @worker, worker_version = @version
        FROM due, webhook.subscription s, event.delivery_payload p
        WHERE a.request_attempt_id = due.request_attempt_id AND s.subscription_id = a.subscription_id AND p.event_id = a.event_id
        RETURNING a.request_attempt_id, a.event_id, a.subscription_id, a.application_id, a.retry_count, a.event_type_name,
                  s.is_enabled AND s.deleted_at IS NULL, s.target_method, s.target_url, s.target_headers::text, s.secret::text,
                  s.signature_schemes,
                  (SELECT json_agg(json_build_object('k', k.kind, 'p', k.protected_value) ORDER BY k.created_at DESC)::text
                   FROM webhook.subscription_secret k
                   WHERE k.subscription_id = s.subscription_id AND (k.expires_at IS NULL OR k.expires_at > now())),
                  s.retry_policy::text, s.max_concurrency, s.rate_limit_per_second, p.payload, p.payload_content_type
        """;

    public static async Task<List<ClaimedAttempt>> ClaimAsync(NpgsqlDataSource db, int batch, bool firstTriesOnly, int leaseSeconds, string worker, string version,
        CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<int>("batch", batch));
        command.Parameters.Add(new NpgsqlParameter<bool>("first_tries_only", firstTriesOnly));
        command.Parameters.Add(new NpgsqlParameter<double>("lease_seconds", leaseSeconds));
        command.Parameters.Add(new NpgsqlParameter<string>("worker", worker));
        command.Parameters.Add(new NpgsqlParameter<string>("version", version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedAttempt>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedAttempt(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetInt16(4), reader.GetString(5),
                reader.GetBoolean(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetInt32(14),
                reader.IsDBNull(15) ? null : reader.GetInt32(15), reader.GetFieldValue<byte[]>(16), reader.GetString(17)));
        }

        return claimed;
    }

    /// <summary>Gives attempts back untouched (the claim took more for one endpoint than its limit allows).</summary>
    public static async Task ReleaseAsync(NpgsqlDataSource db, IReadOnlyCollection<Guid> attemptIds, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(
            "UPDATE webhook.request_attempt SET lease_until = NULL, picked_at = NULL WHERE request_attempt_id = ANY(@ids) AND succeeded_at IS NULL AND failed_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. attemptIds]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
