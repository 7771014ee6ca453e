WITH input AS (
    SELECT DISTINCT ON (e.event_id) e.*
    FROM (SELECT gen_random_uuid() AS event_id, '00000000-0000-0000-0000-000000000001'::uuid AS application_id, 'a.b.c' AS event_type,
             convert_to(repeat('x', 1024), 'UTF8') AS payload, 'application/json' AS content_type, '127.0.0.1' AS ip, NULL AS metadata, now() AS occurred_at,
             '{"env":"prod"}' AS labels, n FROM generate_series(1, 64) n) e
    ORDER BY e.event_id, e.n),
keys AS (
    INSERT INTO n.event_key (event_id, application_id, received_at)
    SELECT event_id, application_id, statement_timestamp() FROM input
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id)
INSERT INTO n.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata, occurred_at, received_at, dispatched_at, labels)
SELECT e.event_id, e.application_id, e.event_type, e.payload, e.content_type, e.ip::inet, e.metadata::jsonb, e.occurred_at, statement_timestamp(), statement_timestamp(), e.labels::jsonb
FROM input e JOIN keys k ON k.event_id = e.event_id
ORDER BY e.n
RETURNING event_id, received_at;
