using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Transition "cancelled" for a deleted application: its queued attempts enter the history as cancelled
/// (<c>application_deleted</c>), in the deleting transaction. (A subscription's are cancelled by its disable,
/// <see cref="SubscriptionSwitchSql"/>; an attempt whose event is gone, by the claim.)
/// </summary>
internal static class CancelSql
{
    private static readonly string Sql = """
        WITH cancelled AS (
            DELETE FROM webhook.delivery_queue q WHERE q.application_id = @application_id
            RETURNING q.*
        ), cancelled_history AS (
        """ + HistorySql.Cancelled("cancelled") + """
        ), lanes AS (
            UPDATE webhook.delivery_lane SET in_flight_ids = '{}', in_flight_until = '{}'
            WHERE application_id = @application_id AND cardinality(in_flight_ids) > 0
        )
        SELECT count(*) FROM cancelled
        """;

    public static async Task<long> ForApplicationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid applicationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", applicationId));
        command.Parameters.Add(new NpgsqlParameter<string>("cancelled", AttemptSpelling.Of(AttemptOutcome.Cancelled)));
        command.Parameters.Add(new NpgsqlParameter<string>("cancel_reason", AttemptSpelling.Of(CancelReason.ApplicationDeleted)));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
