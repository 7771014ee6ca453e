using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Transition "released": a claimed attempt that was never delivered (its <c>hook0 listen</c> connection went away
/// before an answer) is made due again as it was — same attempt number, no history row, no health fact — instead of
/// waiting for its lease to expire. Only the worker holding the lease releases it (a lease that expired and was taken
/// by another worker is not touched).
/// </summary>
internal static class ReleaseSql
{
    private const string Sql = """
        UPDATE webhook.delivery_queue
        SET lease_until = NULL, picked_at = NULL, worker_name = NULL
        WHERE application_id = @application_id AND request_attempt_id = @request_attempt_id AND worker_name = @worker AND lease_until > now()
        """;

    public static async Task<bool> ReleaseAsync(NpgsqlDataSource db, ClaimedAttempt attempt, string worker, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", attempt.ApplicationId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("request_attempt_id", attempt.AttemptId));
        command.Parameters.Add(new NpgsqlParameter<string>("worker", worker));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
