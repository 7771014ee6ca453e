namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// The statement fragment every path that drops queue rows without a try shares: they enter the history as
/// <c>cancelled</c>, with a cancel reason, completed on the database clock (the queue row is deleted by the same statement).
/// </summary>
internal static class HistorySql
{
    public const string Columns = """
        application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
        attempt_number, outcome, reason, delay_until, picked_at, completed_at, worker_name, worker_version, request_headers,
        response_id, http_code, response_error_name, response_headers, response_body, response_body_truncated, elapsed_ms
        """;

    /// <summary>Inserts the rows of the CTE <paramref name="source"/> (deleted queue rows) as cancelled, with the reason in <c>@cancel_reason</c>.</summary>
    public static string Cancelled(string source) => $"""
        INSERT INTO webhook.attempt ({Columns})
        SELECT application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
               attempt_number, @cancelled, @cancel_reason, CASE WHEN due_at > created_at THEN due_at END, picked_at, now(), worker_name, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, false, NULL
        FROM {source}
        """;
}
