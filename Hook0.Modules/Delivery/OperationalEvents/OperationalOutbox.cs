using System.Text.Json;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Npgsql;

namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>
/// Writes outbox rows inside the caller's transaction, the one recording what they tell, so a
/// transition, give-up or rotation and its operational event commit or vanish together.
/// </summary>
internal static class OperationalOutbox
{
    /// <summary>
    /// The outbox row of a subscription health event, built here only: the subscription, its transition, and since when it
    /// failed; at the database clock shifted by <c>@skew</c>. The caller supplies <c>FROM</c> (with the subscription as
    /// <c>s</c>), <c>@type</c> and <c>@reason</c>; the from state, the to state and failing_since are SQL expressions.
    /// </summary>
    public static string TransitionInsert(string from, string to, string failingSince) => $"""
        INSERT INTO webhook.operational_event (operational_event_id, event_type, application_id, subscription_id, data, occurred_at)
        SELECT webhook.uuid_v7(), @type, s.application_id, s.subscription_id,
               jsonb_build_object('subscription_id', s.subscription_id, 'application_id', s.application_id, 'description', s.description,
                                  'target_url', s.target_url, 'from', {from}, 'to', {to}, 'reason', @reason, 'failing_since', {failingSince},
                                  'at', now() + @skew),
               now() + @skew
        """;

    private static readonly string TransitionSql = TransitionInsert("@from", "@to", "@failing_since") + " FROM webhook.subscription s WHERE s.subscription_id = @id";

    public static async Task TransitionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, string from, string to,
        string reason, DateTime? failingSince, TimeSpan skew, CancellationToken cancellationToken)
    {
        if (OperationalEventTypes.ForTransition(from, to) is not { } type)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(TransitionSql, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        insert.Parameters.Add(new NpgsqlParameter<string>("type", type));
        insert.Parameters.Add(new NpgsqlParameter<string>("from", from));
        insert.Parameters.Add(new NpgsqlParameter<string>("to", to));
        insert.Parameters.Add(new NpgsqlParameter<string>("reason", reason));
        insert.Parameters.Add(new NpgsqlParameter("failing_since", NpgsqlTypes.NpgsqlDbType.TimestampTz)
            { Value = failingSince is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A secret rotation, added to the context the rotation is saved with.</summary>
    public static void SecretRotated(DeliveryDbContext db, Subscription subscription, DateTime previousExpiresAt, DateTime now)
        => db.OperationalEvents.Add(new OperationalEvent
        {
            Id = Guid.CreateVersion7(),
            EventType = OperationalEventTypes.SecretRotated,
            ApplicationId = subscription.ApplicationId,
            SubscriptionId = subscription.Id,
            Data = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["subscription_id"] = subscription.Id,
                ["application_id"] = subscription.ApplicationId,
                ["description"] = subscription.Description,
                ["target_url"] = subscription.TargetUrl,
                ["rotated_at"] = now,
                ["previous_secret_expires_at"] = previousExpiresAt,
            }),
            OccurredAt = now,
        });
}
