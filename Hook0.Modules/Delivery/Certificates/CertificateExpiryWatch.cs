using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Delivery.Certificates;

/// <summary>
/// Tells an organization, through the operational event <c>hook0.subscription.certificate_expiring</c>, that a
/// subscription's mutual-TLS client certificate expires within 14 days (ADR 0031). The certificate that counts is
/// the latest-expiring one: during a rotation the old one may lapse quietly. Told once per certificate (its thumbprint
/// is remembered on the subscription), in the same statement that writes the outbox row; one instance at a time.
/// </summary>
internal sealed class CertificateExpiryWatch(NpgsqlDataSource db, TimeProvider time, ILogger<CertificateExpiryWatch> logger)
    : PeriodicJob<int>(db, time, logger)
{
    public static readonly TimeSpan WarnAhead = TimeSpan.FromDays(14);

    private const string Sql = """
        WITH latest AS (
            SELECT s.subscription_id, s.application_id, s.description, s.target_url, c.thumbprint, c.subject, c.not_after
            FROM webhook.subscription s
            CROSS JOIN LATERAL (
                SELECT x->>'thumbprint' AS thumbprint, x->>'subject' AS subject, (x->>'not_after')::timestamptz AS not_after
                FROM jsonb_array_elements(s.client_certificates) x
                ORDER BY (x->>'not_after')::timestamptz DESC LIMIT 1) c
            WHERE s.client_certificates IS NOT NULL AND s.deleted_at IS NULL
        ), due AS (
            SELECT * FROM latest
            WHERE not_after <= @now + @ahead AND thumbprint IS DISTINCT FROM (
                SELECT w.certificate_expiry_warned FROM webhook.subscription w WHERE w.subscription_id = latest.subscription_id)
        ), marked AS (
            UPDATE webhook.subscription s SET certificate_expiry_warned = due.thumbprint FROM due WHERE s.subscription_id = due.subscription_id
        ), told AS (
            INSERT INTO webhook.operational_event (operational_event_id, event_type, application_id, subscription_id, data, occurred_at)
            SELECT webhook.uuid_v7(), @type, application_id, subscription_id,
                   jsonb_build_object('subscription_id', subscription_id, 'application_id', application_id, 'description', description,
                                      'target_url', target_url, 'certificate_subject', subject, 'certificate_thumbprint', thumbprint,
                                      'expires_at', not_after, 'at', @now),
                   @now
            FROM due
            RETURNING 1
        )
        SELECT count(*)::int FROM told
        """;

    public override string Name => "certificate expiry watch";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override long? AdvisoryLockId => AdvisoryLocks.CertificateExpiryWatch;

    protected override async Task<int> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, lockHolder);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", Time.GetUtcNow().UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("ahead", WarnAhead));
        command.Parameters.Add(new NpgsqlParameter<string>("type", OperationalEventTypes.SubscriptionCertificateExpiring));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
