using Hook0.Modules.Kernel.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <summary>
    /// Upgrade in place (issue #20 item 3, ADR 0016): moves a wave-one database's attempts and responses into the second
    /// design's tables, then drops the wave-one tables, in one transaction (a failure leaves the database as it was).
    /// Nothing is lost and nothing is sent again: every attempt lands exactly once, a finished one as a history row
    /// (its response inside it, under the response's own id), an unfinished one as a queue row that keeps its due time
    /// and its lease (an attempt in flight when the old version stopped is not taken again before its lease ends);
    /// dead letters already retried by hand keep their mark. The schema generation is raised to 2, so a wave-two build
    /// of an older generation refuses this database; wave one has no such check and fails at its first claim on the
    /// dropped table (the upgrade notes say to stop every old instance first). Raw SQL: the target tables are outside
    /// EF's model (SecondDesign).
    /// </summary>
    public partial class MoveWaveOneData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- An old instance still running blocks here and fails once the tables are gone: its transaction rolls back,
                -- so no client was told that an event it sent was accepted, and no delivery it made is recorded twice.
                LOCK TABLE webhook.request_attempt, webhook.response IN ACCESS EXCLUSIVE MODE;

                -- What each wave-one attempt was. A failed attempt without a reason was retried when its successor exists
                -- (same event and subscription, retry_count + 1: a dead letter retried by hand starts again at 0, so it never
                -- counts); otherwise one of wave one's cancel paths failed it without a reason (PendingAttempts): a deleted
                -- subscription, a disabled one, else a deleted application (a subscription disabled then enabled again is
                -- indistinguishable from it: labelled so too). The event's reception time comes from Ingestion's read
                -- contract; an event already purged by retention gets the attempt's creation time (its pending attempts are
                -- then cancelled as event_gone by the claim, as any other).
                CREATE TEMPORARY TABLE wave_one_attempt ON COMMIT DROP AS
                SELECT f.*,
                       CASE WHEN f.succeeded_at IS NOT NULL THEN 'succeeded'
                            WHEN f.failed_at IS NULL THEN NULL
                            WHEN f.give_up_reason IN ('exhausted', 'invalid_header', 'gone_410') THEN 'given_up'
                            WHEN f.retried THEN 'retried'
                            ELSE 'cancelled' END AS outcome,
                       CASE WHEN f.succeeded_at IS NOT NULL OR f.failed_at IS NULL OR f.retried THEN NULL
                            WHEN f.give_up_reason IS NOT NULL THEN f.give_up_reason
                            WHEN f.subscription_deleted THEN 'subscription_gone'
                            WHEN NOT f.subscription_enabled THEN 'subscription_disabled'
                            ELSE 'application_deleted' END AS reason
                FROM (SELECT a.*, coalesce(p.received_at, a.created_at) AS event_received_at,
                             s.deleted_at IS NOT NULL AS subscription_deleted, s.is_enabled AS subscription_enabled,
                             a.failed_at IS NOT NULL AND a.give_up_reason IS NULL AND EXISTS (
                                 SELECT 1 FROM webhook.request_attempt n
                                 WHERE n.event_id = a.event_id AND n.subscription_id = a.subscription_id
                                   AND n.retry_count = a.retry_count + 1) AS retried
                      FROM webhook.request_attempt a
                      JOIN webhook.subscription s ON s.subscription_id = a.subscription_id
                      LEFT JOIN event.delivery_payload p ON p.application_id = a.application_id AND p.event_id = a.event_id) f;

                -- Finished attempts: written once into the history, with their response (under its wave-one id, which the
                -- API keeps answering). Days without a partition yet land in the DEFAULT one; the partition keeper moves them.
                INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at,
                    event_type_name, attempt_number, outcome, reason, delay_until, picked_at, completed_at, worker_name, worker_version,
                    request_headers, response_id, http_code, response_error_name, response_headers, response_body, response_body_truncated,
                    elapsed_ms)
                SELECT a.application_id, a.created_at, a.request_attempt_id, a.subscription_id, a.event_id, a.event_received_at,
                       a.event_type_name, a.retry_count, a.outcome, a.reason, a.delay_until, a.picked_at,
                       coalesce(a.succeeded_at, a.failed_at), a.worker_name, a.worker_version,
                       NULL, r.response_id, r.http_code, r.response_error_name, r.headers, r.body, coalesce(r.body_truncated, false),
                       r.elapsed_time_ms
                FROM wave_one_attempt a
                LEFT JOIN webhook.response r ON r.response_id = a.response_id
                WHERE a.outcome IS NOT NULL;

                -- Unfinished attempts: due when they were (a delayed retry at its delay), their lease kept.
                INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at,
                    event_type_name, created_at, due_at, attempt_number, metered, lease_until, picked_at, worker_name)
                SELECT a.application_id, a.request_attempt_id, a.subscription_id, a.event_id, a.event_received_at,
                       a.event_type_name, a.created_at, coalesce(a.delay_until, a.created_at), a.retry_count, coalesce(l.metered, false),
                       a.lease_until, a.picked_at, a.worker_name
                FROM wave_one_attempt a
                LEFT JOIN webhook.delivery_lane l ON l.subscription_id = a.subscription_id
                WHERE a.outcome IS NULL;

                -- A limited subscription's attempts still under lease hold their slots until the lease ends, as they would
                -- have in wave one: its concurrency limit holds across the upgrade.
                UPDATE webhook.delivery_lane l SET in_flight_ids = f.ids, in_flight_until = f.untils
                FROM (SELECT subscription_id, array_agg(request_attempt_id ORDER BY lease_until) AS ids,
                             array_agg(lease_until ORDER BY lease_until) AS untils
                      FROM webhook.delivery_queue WHERE metered AND lease_until > now() GROUP BY subscription_id) f
                WHERE l.subscription_id = f.subscription_id;

                INSERT INTO webhook.dead_letter_retry (application_id, request_attempt_id, retried_at)
                SELECT application_id, request_attempt_id, retried_at FROM wave_one_attempt WHERE retried_at IS NOT NULL;

                -- Their indexes (and the analytics roll-up's expression index) go with them; the roll-up's watermark and
                -- functions stay, the roll-up reads the history from there on.
                DROP TABLE webhook.request_attempt;
                DROP TABLE webhook.response;

                ANALYZE webhook.attempt;
                ANALYZE webhook.delivery_queue;
                ANALYZE webhook.dead_letter_retry;
                """);
            SchemaGeneration.Raise(migrationBuilder, 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => throw new NotSupportedException("The move out of wave one's tables is not reversed: restore the backup taken before the upgrade.");
    }
}
