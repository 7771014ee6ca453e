CREATE SCHEMA o; CREATE SCHEMA n;
CREATE TABLE et (application_id uuid, event_type_name text, PRIMARY KEY (application_id, event_type_name));
INSERT INTO et VALUES ('00000000-0000-0000-0000-000000000001', 'a.b.c');
CREATE TABLE o.event (event_id uuid PRIMARY KEY, application_id uuid NOT NULL, event_type_name text NOT NULL, payload bytea NOT NULL,
  payload_content_type text NOT NULL, ip inet, metadata jsonb, occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,
  dispatched_at timestamptz, labels jsonb NOT NULL, FOREIGN KEY (application_id, event_type_name) REFERENCES et ON DELETE CASCADE);
CREATE INDEX ON o.event (application_id, received_at DESC, event_id DESC);
CREATE INDEX ON o.event USING brin (received_at);
CREATE INDEX ON o.event (application_id, event_type_name, received_at DESC, event_id DESC);
CREATE INDEX ON o.event USING gin (labels jsonb_path_ops);
CREATE TABLE n.event (event_id uuid NOT NULL, application_id uuid NOT NULL, event_type_name text NOT NULL, payload bytea NOT NULL,
  payload_content_type text NOT NULL, ip inet, metadata jsonb, occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,
  dispatched_at timestamptz, labels jsonb NOT NULL, PRIMARY KEY (application_id, received_at, event_id),
  FOREIGN KEY (application_id, event_type_name) REFERENCES et ON DELETE CASCADE) PARTITION BY RANGE (received_at);
CREATE TABLE n.event_default PARTITION OF n.event DEFAULT;
DO $$ DECLARE d date; BEGIN FOR d IN SELECT generate_series(current_date - 1, current_date + 2, '1 day')::date LOOP
  EXECUTE format('CREATE TABLE n.%I PARTITION OF n.event FOR VALUES FROM (%L) TO (%L)', 'event_p' || to_char(d, 'YYYYMMDD'), d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
END LOOP; END $$;
CREATE INDEX ON n.event (application_id, event_type_name, received_at DESC, event_id DESC);
CREATE INDEX ON n.event USING gin (labels jsonb_path_ops);
CREATE TABLE n.event_key (event_id uuid PRIMARY KEY, application_id uuid NOT NULL, received_at timestamptz NOT NULL);
CREATE INDEX ON n.event_key USING brin (received_at);
