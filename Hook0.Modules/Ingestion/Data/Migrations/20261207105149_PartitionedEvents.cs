using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <summary>
    /// The event table partitioned by day of reception (ADR 0016), its ids kept unique across partitions by the
    /// narrow <c>event.event_key</c>. Moves the existing rows (ids, payloads, timestamps unchanged) into day
    /// partitions created here for the days they were received; later days are created ahead by the partition keeper.
    /// Raw SQL: EF cannot declare a partitioned table (the model keeps the same columns, keys and indexes).
    /// </summary>
    public partial class PartitionedEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP VIEW event.delivery_payload;
                ALTER TABLE event.event RENAME TO event_wave_one;
                ALTER TABLE event.event_wave_one RENAME CONSTRAINT pk_event TO pk_event_wave_one;
                ALTER TABLE event.event_wave_one DROP CONSTRAINT fk_event_event_type_application_id_event_type_name;
                DROP INDEX event.ix_event_application_id_received_at_event_id;
                DROP INDEX event.ix_event_received_at;
                DROP INDEX event.ix_event_application_id_event_type_name_received_at_event_id;
                DROP INDEX event.ix_event_labels;

                -- The key holds the partition key; read backwards it is also the listing's keyset (newest first).
                CREATE TABLE event.event (
                    event_id uuid NOT NULL,
                    application_id uuid NOT NULL,
                    event_type_name text NOT NULL,
                    payload bytea NOT NULL,
                    payload_content_type text NOT NULL,
                    ip inet NULL,
                    metadata jsonb NULL,
                    occurred_at timestamptz NOT NULL,
                    received_at timestamptz NOT NULL,
                    dispatched_at timestamptz NULL,
                    labels jsonb NOT NULL,
                    CONSTRAINT pk_event PRIMARY KEY (application_id, received_at, event_id),
                    CONSTRAINT fk_event_event_type_application_id_event_type_name FOREIGN KEY (application_id, event_type_name)
                        REFERENCES event.event_type (application_id, event_type_name) ON DELETE CASCADE
                ) PARTITION BY RANGE (received_at);
                -- Takes what has no day partition yet, so an insert never fails when housekeeping is off.
                CREATE TABLE event.event_default PARTITION OF event.event DEFAULT;

                DO $$
                DECLARE d date;
                BEGIN
                  FOR d IN SELECT DISTINCT (received_at AT TIME ZONE 'UTC')::date FROM event.event_wave_one LOOP
                    EXECUTE format('CREATE TABLE event.%I PARTITION OF event.event FOR VALUES FROM (%L) TO (%L)',
                                   'event_p' || to_char(d, 'YYYYMMDD'), d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
                  END LOOP;
                END $$;

                -- One event id, one event, whatever its partition (ingest answers 409 to a repeat, as before).
                CREATE TABLE event.event_key (
                    event_id uuid NOT NULL,
                    application_id uuid NOT NULL,
                    received_at timestamptz NOT NULL,
                    CONSTRAINT pk_event_key PRIMARY KEY (event_id)
                );

                INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                                         occurred_at, received_at, dispatched_at, labels)
                SELECT event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                       occurred_at, received_at, dispatched_at, labels
                FROM event.event_wave_one;
                INSERT INTO event.event_key (event_id, application_id, received_at)
                SELECT event_id, application_id, received_at FROM event.event_wave_one ORDER BY received_at;
                DROP TABLE event.event_wave_one;

                -- Built after the copy (one sort per partition rather than one insertion per row).
                CREATE INDEX ix_event_application_id_event_type_name_received_at_event_id
                    ON event.event (application_id, event_type_name, received_at DESC, event_id DESC);
                CREATE INDEX ix_event_labels ON event.event USING gin (labels jsonb_path_ops);
                CREATE INDEX ix_event_key_received_at ON event.event_key USING brin (received_at);

                CREATE VIEW event.delivery_payload AS
                    SELECT event_id, payload, payload_content_type, application_id, received_at FROM event.event;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP VIEW event.delivery_payload;
                ALTER TABLE event.event RENAME TO event_partitioned;
                ALTER TABLE event.event_partitioned RENAME CONSTRAINT pk_event TO pk_event_partitioned;
                ALTER TABLE event.event_partitioned DROP CONSTRAINT fk_event_event_type_application_id_event_type_name;
                DROP INDEX event.ix_event_application_id_event_type_name_received_at_event_id;
                DROP INDEX event.ix_event_labels;
                CREATE TABLE event.event (LIKE event.event_partitioned);
                INSERT INTO event.event SELECT * FROM event.event_partitioned;
                DROP TABLE event.event_partitioned;
                DROP TABLE event.event_key;
                ALTER TABLE event.event ADD CONSTRAINT pk_event PRIMARY KEY (event_id);
                ALTER TABLE event.event ADD CONSTRAINT fk_event_event_type_application_id_event_type_name FOREIGN KEY (application_id, event_type_name)
                    REFERENCES event.event_type (application_id, event_type_name) ON DELETE CASCADE;
                CREATE INDEX ix_event_application_id_received_at_event_id ON event.event (application_id, received_at DESC, event_id DESC);
                CREATE INDEX ix_event_received_at ON event.event USING brin (received_at);
                CREATE INDEX ix_event_application_id_event_type_name_received_at_event_id
                    ON event.event (application_id, event_type_name, received_at DESC, event_id DESC);
                CREATE INDEX ix_event_labels ON event.event USING gin (labels jsonb_path_ops);
                CREATE VIEW event.delivery_payload AS
                    SELECT event_id, payload, payload_content_type, application_id, received_at FROM event.event;
                """);
        }
    }
}
