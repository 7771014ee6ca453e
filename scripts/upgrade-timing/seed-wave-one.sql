-- Seeds a wave-one database (migrated to the last wave-one migrations) with :rows attempts in wave one's layout, in the
-- proportions of a busy instance: 85 % succeeded, 6 % failed and retried (each with its retry), 2 % given up, 1 %
-- cancelled, 6 % still in the queue (pending, delayed, in flight). Every finished attempt has its response.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO iam.organization (organization_id, name, created_at) VALUES ('00000000-0000-7000-8000-000000000001', 'Timing', now());
INSERT INTO iam.application (application_id, organization_id, name, created_at)
VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'Timing', now());
INSERT INTO event.event_type (application_id, event_type_name, service, resource_type, verb, created_at)
VALUES ('00000000-0000-7000-8000-000000000002', 'billing.invoice.paid', 'billing', 'invoice', 'paid', now());
INSERT INTO webhook.subscription (subscription_id, application_id, is_enabled, metadata, labels, target_method, target_url, target_headers,
    dedicated_workers, created_at, updated_at, max_concurrency)
SELECT ('00000000-0000-7000-8001-' || lpad(s::text, 12, '0'))::uuid, '00000000-0000-7000-8000-000000000002', true, '{}', '{"env":"prod"}', 'POST',
       'https://example.com/hook', '{}', '{}', now(), now(), CASE WHEN s % 5 = 0 THEN 4 END
FROM generate_series(1, 20) s;

-- One event per attempt chain, received over the last 7 days.
CREATE TEMPORARY TABLE seed AS
SELECT n, gen_random_uuid() AS event_id, now() - (n::double precision / :rows) * interval '7 days' AS at,
       ('00000000-0000-7000-8001-' || lpad((1 + n % 20)::text, 12, '0'))::uuid AS subscription_id, n % 100 AS kind
FROM generate_series(1, :rows) n;
INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, dispatched_at, labels)
SELECT event_id, '00000000-0000-7000-8000-000000000002', 'billing.invoice.paid', convert_to('{"amount":' || n || ',"currency":"EUR"}', 'UTF8'),
       'application/json', at, at, at, '{"env":"prod"}'
FROM seed;

-- kind 0-84 succeeded, 85-90 failed then retried (the retry succeeded: two attempts), 91-92 given up, 93 cancelled,
-- 94-95 pending, 96-97 delayed retry (its failed predecessor too), 98-99 in flight.
INSERT INTO webhook.response (response_id, http_code, headers, body, body_truncated, elapsed_time_ms)
SELECT gen_random_uuid(), CASE WHEN kind < 85 THEN 200 WHEN kind < 91 THEN 500 ELSE 503 END, '{"content-type":"text/plain"}',
       convert_to('ok', 'UTF8'), false, 10 + n % 50
FROM seed WHERE kind < 93 OR kind IN (96, 97);
CREATE TEMPORARY TABLE seeded_response AS
SELECT response_id, row_number() OVER () AS k FROM webhook.response;
CREATE TEMPORARY TABLE first_try AS
SELECT s.*, row_number() OVER (ORDER BY n) AS k FROM seed s WHERE kind < 93 OR kind IN (96, 97);

INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, picked_at, worker_name,
    worker_version, failed_at, succeeded_at, delay_until, response_id, retry_count, lease_until, give_up_reason)
SELECT gen_random_uuid(), f.event_id, f.subscription_id, '00000000-0000-7000-8000-000000000002', 'billing.invoice.paid', f.at, f.at, 'w', '1.0.0',
       CASE WHEN f.kind >= 85 THEN f.at + interval '1 second' END, CASE WHEN f.kind < 85 THEN f.at + interval '1 second' END, NULL,
       r.response_id, 0, f.at + interval '60 seconds', CASE WHEN f.kind IN (91, 92) THEN 'exhausted' END
FROM first_try f JOIN seeded_response r USING (k);
-- The retries: succeeded (85-90), delayed (96-97).
INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, picked_at, worker_name,
    worker_version, succeeded_at, delay_until, retry_count, lease_until)
SELECT gen_random_uuid(), event_id, subscription_id, '00000000-0000-7000-8000-000000000002', 'billing.invoice.paid', at + interval '1 second',
       CASE WHEN kind < 91 THEN at + interval '6 seconds' END, CASE WHEN kind < 91 THEN 'w' END, CASE WHEN kind < 91 THEN '1.0.0' END,
       CASE WHEN kind < 91 THEN at + interval '7 seconds' END, CASE WHEN kind < 91 THEN at + interval '6 seconds' ELSE now() + interval '1 hour' END, 1,
       CASE WHEN kind < 91 THEN at + interval '66 seconds' END
FROM seed WHERE kind BETWEEN 85 AND 90 OR kind IN (96, 97);
-- Cancelled, pending, in flight.
INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, picked_at, worker_name,
    failed_at, retry_count, lease_until, give_up_reason)
SELECT gen_random_uuid(), event_id, subscription_id, '00000000-0000-7000-8000-000000000002', 'billing.invoice.paid', at,
       CASE WHEN kind >= 98 THEN now() END, CASE WHEN kind >= 98 THEN 'w' END, CASE WHEN kind = 93 THEN at END, 0,
       CASE WHEN kind >= 98 THEN now() + interval '1 minute' END, CASE WHEN kind = 93 THEN 'subscription_disabled' END
FROM seed WHERE kind IN (93, 94, 95, 98, 99);
COMMIT;
