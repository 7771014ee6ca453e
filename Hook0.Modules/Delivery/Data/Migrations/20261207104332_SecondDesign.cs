using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <summary>
    /// The delivery core's second design (ADR 0016): a narrow queue, one lane row per subscription, an insert-only
    /// attempt history partitioned by day, and the dead-letter retry marks. Raw SQL: partitioning, fillfactor and the
    /// partial indexes are outside EF's model (the entities are mapped with ExcludeFromMigrations).
    /// </summary>
    public partial class SecondDesign : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- A UUIDv7 for a given instant: an attempt's id carries its creation time (to the millisecond), so the
                -- queue's primary key orders pending attempts as the lists do and a history lookup by id prunes to the
                -- partitions around that instant.
                CREATE FUNCTION webhook.uuid_v7_at(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
                  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                    52, 1), 53, 1), 'hex')::uuid
                $$;

                -- The instant a UUIDv7 carries.
                CREATE FUNCTION webhook.uuid_v7_time(id uuid) RETURNS timestamptz LANGUAGE sql IMMUTABLE STRICT AS $$
                  SELECT to_timestamp(('x' || lpad(replace(left(id::text, 13), '-', ''), 16, '0'))::bit(64)::bigint / 1000.0)
                $$;

                -- One narrow row per subscription: its claim path, its limits and what it has in flight across instances.
                -- Its updates never touch an indexed column (HOT), hence the low fillfactor.
                CREATE TABLE webhook.delivery_lane (
                    application_id uuid NOT NULL,
                    subscription_id uuid NOT NULL REFERENCES webhook.subscription (subscription_id) ON DELETE CASCADE,
                    metered boolean NOT NULL DEFAULT false,
                    paused boolean NOT NULL DEFAULT false,
                    max_concurrency integer NULL,
                    rate_limit_per_second integer NULL,
                    in_flight_ids uuid[] NOT NULL DEFAULT '{}',
                    in_flight_until timestamptz[] NOT NULL DEFAULT '{}',
                    tokens double precision NOT NULL DEFAULT 0,
                    tokens_at timestamptz NOT NULL DEFAULT now(),
                    circuit_state text NULL,
                    circuit_changed_at timestamptz NULL,
                    adaptive_rate_per_second double precision NULL,
                    unmetered_at timestamptz NULL,
                    CONSTRAINT pk_delivery_lane PRIMARY KEY (application_id, subscription_id)
                ) WITH (fillfactor = 50);
                CREATE UNIQUE INDEX delivery_lane_subscription_idx ON webhook.delivery_lane (subscription_id);
                CREATE INDEX delivery_lane_metered_idx ON webhook.delivery_lane (subscription_id) WHERE metered AND NOT paused;
                -- Lanes that left the metered path lately: an ingest that read the lane before the change may still queue
                -- metered rows after it (the metered claim sends them back to the open path, see ClaimSql).
                CREATE INDEX delivery_lane_unmetered_idx ON webhook.delivery_lane (unmetered_at) WHERE NOT metered;
                INSERT INTO webhook.delivery_lane (application_id, subscription_id, metered, paused, max_concurrency, rate_limit_per_second, tokens)
                SELECT application_id, subscription_id, is_paused OR max_concurrency IS NOT NULL OR rate_limit_per_second IS NOT NULL,
                       is_paused, max_concurrency, rate_limit_per_second, coalesce(rate_limit_per_second, 0)
                FROM webhook.subscription;

                -- The queue: what a claim needs, no more. Lease updates touch no indexed column (HOT within the fillfactor).
                -- Open attempts (subscriptions with no limit, not paused) are claimed by due time through the open index;
                -- metered ones through their lane (by subscription): the claim never walks work that cannot go now.
                CREATE TABLE webhook.delivery_queue (
                    application_id uuid NOT NULL,
                    request_attempt_id uuid NOT NULL,
                    subscription_id uuid NOT NULL,
                    event_id uuid NOT NULL,
                    event_received_at timestamptz NOT NULL,
                    event_type_name text NOT NULL,
                    created_at timestamptz NOT NULL,
                    due_at timestamptz NOT NULL,
                    attempt_number smallint NOT NULL,
                    metered boolean NOT NULL DEFAULT false,
                    ordering_key_hash bigint NULL,
                    lease_until timestamptz NULL,
                    picked_at timestamptz NULL,
                    worker_name text NULL,
                    CONSTRAINT pk_delivery_queue PRIMARY KEY (application_id, request_attempt_id)
                ) WITH (fillfactor = 70);
                CREATE INDEX delivery_queue_open_idx ON webhook.delivery_queue (due_at) WHERE NOT metered;
                CREATE INDEX delivery_queue_subscription_idx ON webhook.delivery_queue (subscription_id, due_at);

                -- The history: one row per finished attempt, written once; partitioned by day of created_at (partitions are
                -- created ahead at start-up and by housekeeping; the DEFAULT partition takes what has none, so a write never
                -- fails). Retention drops whole days.
                CREATE TABLE webhook.attempt (
                    application_id uuid NOT NULL,
                    created_at timestamptz NOT NULL,
                    request_attempt_id uuid NOT NULL,
                    subscription_id uuid NOT NULL,
                    event_id uuid NOT NULL,
                    event_received_at timestamptz NOT NULL,
                    event_type_name text NOT NULL,
                    attempt_number smallint NOT NULL,
                    outcome text NOT NULL,
                    reason text NULL,
                    delay_until timestamptz NULL,
                    picked_at timestamptz NULL,
                    completed_at timestamptz NOT NULL,
                    worker_name text NULL,
                    worker_version text NULL,
                    request_headers jsonb NULL,
                    response_id uuid NULL,
                    http_code smallint NULL,
                    response_error_name text NULL,
                    response_headers jsonb NULL,
                    response_body bytea NULL,
                    response_body_truncated boolean NOT NULL DEFAULT false,
                    elapsed_ms integer NULL,
                    CONSTRAINT attempt_outcome_chk CHECK (outcome IN ('succeeded', 'retried', 'given_up', 'cancelled')),
                    CONSTRAINT pk_attempt PRIMARY KEY (application_id, created_at, request_attempt_id)
                ) PARTITION BY RANGE (created_at);
                CREATE TABLE webhook.attempt_default PARTITION OF webhook.attempt DEFAULT;
                CREATE INDEX attempt_subscription_idx ON webhook.attempt (subscription_id, created_at DESC, request_attempt_id DESC);
                CREATE INDEX attempt_event_type_idx ON webhook.attempt (application_id, event_type_name, created_at DESC, request_attempt_id DESC);
                CREATE INDEX attempt_event_idx ON webhook.attempt (event_id);
                CREATE INDEX attempt_dead_letter_idx ON webhook.attempt (application_id, completed_at)
                    WHERE outcome = 'given_up' AND reason IN ('exhausted', 'invalid_header', 'gone_410');
                CREATE INDEX attempt_failed_idx ON webhook.attempt (application_id, created_at DESC, request_attempt_id DESC) WHERE outcome <> 'succeeded';
                -- Responses recorded before the second design kept their own ids; every later one has its attempt's id.
                CREATE INDEX attempt_legacy_response_idx ON webhook.attempt (response_id) WHERE response_id <> request_attempt_id;
                -- The analytics rollup reads what completed after its watermark: insert-only rows come in completion order.
                CREATE INDEX attempt_completed_brin ON webhook.attempt USING brin (completed_at);

                CREATE TABLE webhook.dead_letter_retry (
                    application_id uuid NOT NULL,
                    request_attempt_id uuid NOT NULL,
                    retried_at timestamptz NOT NULL,
                    CONSTRAINT pk_dead_letter_retry PRIMARY KEY (application_id, request_attempt_id)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE webhook.dead_letter_retry;
                DROP TABLE webhook.attempt;
                DROP TABLE webhook.delivery_queue;
                DROP TABLE webhook.delivery_lane;
                DROP FUNCTION webhook.uuid_v7_time(uuid);
                DROP FUNCTION webhook.uuid_v7_at(timestamptz);
                """);
        }
    }
}
