-- The wave-one delivery tables, frozen for the benchmark (issue #20): the product's webhook.request_attempt,
-- webhook.response, webhook.subscription(_secret) and event.event exactly as the migrations up to
-- 20261129031652_DeliveryAnalyticsHourly left them (dumped with pg_dump -s, every index kept), moved to the
-- bench_v1 schema. The product no longer has them; the baseline of bench/core.sh lives here.
DROP SCHEMA IF EXISTS bench_v1 CASCADE;
CREATE SCHEMA bench_v1;

CREATE FUNCTION bench_v1.uuid_v7() RETURNS uuid LANGUAGE sql AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
    52, 1), 53, 1), 'hex')::uuid
$$;

CREATE TABLE bench_v1.event (
    event_id uuid NOT NULL,
    application_id uuid NOT NULL,
    event_type_name text NOT NULL,
    payload bytea NOT NULL,
    payload_content_type text NOT NULL,
    ip inet,
    metadata jsonb,
    occurred_at timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    dispatched_at timestamp with time zone,
    labels jsonb NOT NULL
);

CREATE TABLE bench_v1.request_attempt (
    request_attempt_id uuid NOT NULL,
    event_id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    application_id uuid NOT NULL,
    event_type_name text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    picked_at timestamp with time zone,
    worker_name text,
    worker_version text,
    failed_at timestamp with time zone,
    succeeded_at timestamp with time zone,
    delay_until timestamp with time zone,
    response_id uuid,
    retry_count smallint NOT NULL,
    give_up_reason text,
    lease_until timestamp with time zone,
    retried_at timestamp with time zone,
    CONSTRAINT request_attempt_outcome_chk CHECK (((succeeded_at IS NULL) OR (failed_at IS NULL)))
);

CREATE TABLE bench_v1.response (
    response_id uuid NOT NULL,
    response_error_name text,
    http_code smallint,
    headers jsonb,
    body bytea,
    body_truncated boolean NOT NULL,
    elapsed_time_ms integer
);

CREATE TABLE bench_v1.subscription (
    subscription_id uuid NOT NULL,
    application_id uuid NOT NULL,
    is_enabled boolean NOT NULL,
    description text,
    secret uuid,
    metadata jsonb NOT NULL,
    labels jsonb NOT NULL,
    target_method text NOT NULL,
    target_url text NOT NULL,
    target_headers jsonb NOT NULL,
    dedicated_workers text[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    is_paused boolean DEFAULT false NOT NULL,
    max_concurrency integer,
    retry_policy jsonb,
    rate_limit_per_second integer,
    failing_since timestamp with time zone,
    health_changed_at timestamp with time zone,
    health_reason text,
    health_state text DEFAULT 'healthy'::text NOT NULL,
    last_failed_at timestamp with time zone,
    recovered_at timestamp with time zone,
    signature_schemes text DEFAULT 'both'::text NOT NULL,
    CONSTRAINT subscription_health_state_chk CHECK ((health_state = ANY (ARRAY['healthy'::text, 'degraded'::text, 'failing'::text, 'disabled'::text]))),
    CONSTRAINT subscription_signature_schemes_chk CHECK ((signature_schemes = ANY (ARRAY['hook0'::text, 'standard'::text, 'both'::text])))
);

CREATE TABLE bench_v1.subscription_secret (
    subscription_secret_id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    kind text NOT NULL,
    protected_value text NOT NULL,
    public_key text,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    CONSTRAINT subscription_secret_kind_chk CHECK ((kind = ANY (ARRAY['hmac'::text, 'ed25519'::text])))
);

ALTER TABLE ONLY bench_v1.event
    ADD CONSTRAINT pk_event PRIMARY KEY (event_id);

ALTER TABLE ONLY bench_v1.request_attempt
    ADD CONSTRAINT pk_request_attempt PRIMARY KEY (request_attempt_id);

ALTER TABLE ONLY bench_v1.response
    ADD CONSTRAINT pk_response PRIMARY KEY (response_id);

ALTER TABLE ONLY bench_v1.subscription
    ADD CONSTRAINT pk_subscription PRIMARY KEY (subscription_id);

ALTER TABLE ONLY bench_v1.subscription_secret
    ADD CONSTRAINT pk_subscription_secret PRIMARY KEY (subscription_secret_id);

CREATE INDEX ix_event_application_id_event_type_name_received_at_event_id ON bench_v1.event USING btree (application_id, event_type_name, received_at DESC, event_id DESC);

CREATE INDEX ix_event_application_id_received_at_event_id ON bench_v1.event USING btree (application_id, received_at DESC, event_id DESC);

CREATE INDEX ix_event_labels ON bench_v1.event USING gin (labels jsonb_path_ops);

CREATE INDEX ix_event_received_at ON bench_v1.event USING brin (received_at);

CREATE INDEX ix_request_attempt_application_id_created_at_request_attempt_id ON bench_v1.request_attempt USING btree (application_id, created_at DESC, request_attempt_id DESC);

CREATE INDEX ix_request_attempt_event_id ON bench_v1.request_attempt USING btree (event_id);

CREATE UNIQUE INDEX ix_request_attempt_response_id ON bench_v1.request_attempt USING btree (response_id);

CREATE INDEX ix_request_attempt_subscription_id_created_at ON bench_v1.request_attempt USING btree (subscription_id, created_at);

CREATE INDEX ix_request_attempt_subscription_id_picked_at ON bench_v1.request_attempt USING btree (subscription_id, picked_at) WHERE (picked_at IS NOT NULL);

CREATE INDEX ix_subscription_application_id ON bench_v1.subscription USING btree (application_id) WHERE (deleted_at IS NULL);

CREATE INDEX ix_subscription_secret_subscription_id ON bench_v1.subscription_secret USING btree (subscription_id);

CREATE INDEX request_attempt_completed_idx ON bench_v1.request_attempt USING btree (COALESCE(succeeded_at, failed_at), request_attempt_id) WHERE ((succeeded_at IS NOT NULL) OR (failed_at IS NOT NULL));

CREATE INDEX request_attempt_dead_letter_idx ON bench_v1.request_attempt USING btree (application_id, failed_at) WHERE ((give_up_reason = ANY (ARRAY['exhausted'::text, 'invalid_header'::text, 'gone_410'::text])) AND (retried_at IS NULL));

CREATE INDEX request_attempt_event_type_list_idx ON bench_v1.request_attempt USING btree (application_id, event_type_name, created_at DESC, request_attempt_id DESC);

CREATE INDEX request_attempt_failed_list_idx ON bench_v1.request_attempt USING btree (application_id, created_at DESC, request_attempt_id DESC) WHERE (failed_at IS NOT NULL);

CREATE INDEX request_attempt_undecided_list_idx ON bench_v1.request_attempt USING btree (application_id, created_at DESC, request_attempt_id DESC) WHERE ((succeeded_at IS NULL) AND (failed_at IS NULL));

CREATE INDEX request_attempt_waiting_idx ON bench_v1.request_attempt USING btree (created_at, retry_count) WHERE ((succeeded_at IS NULL) AND (failed_at IS NULL));

CREATE INDEX subscription_health_watch_idx ON bench_v1.subscription USING btree (health_state) WHERE ((deleted_at IS NULL) AND ((failing_since IS NOT NULL) OR (health_state <> 'healthy'::text)));

-- (event.event's foreign key to event.event_type is left out: it is checked on ingest, never on the delivery path.)

ALTER TABLE ONLY bench_v1.request_attempt
    ADD CONSTRAINT fk_request_attempt_responses_response_id FOREIGN KEY (response_id) REFERENCES bench_v1.response(response_id) ON DELETE SET NULL;

ALTER TABLE ONLY bench_v1.request_attempt
    ADD CONSTRAINT fk_request_attempt_subscription_subscription_id FOREIGN KEY (subscription_id) REFERENCES bench_v1.subscription(subscription_id) ON DELETE CASCADE;

ALTER TABLE ONLY bench_v1.subscription_secret
    ADD CONSTRAINT fk_subscription_secret_subscription_subscription_id FOREIGN KEY (subscription_id) REFERENCES bench_v1.subscription(subscription_id) ON DELETE CASCADE;

-- Delivery's read of the payload (wave one: event.delivery_payload, joined on event_id).
CREATE VIEW bench_v1.delivery_payload AS SELECT event_id, payload, payload_content_type FROM bench_v1.event;
