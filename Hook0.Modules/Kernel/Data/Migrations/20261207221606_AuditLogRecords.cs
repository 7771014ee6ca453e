using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Kernel.Data.Migrations
{
    /// <summary>The audit log (issue #28): infrastructure.audit_record, day-partitioned and append-only.</summary>
    public partial class AuditLogRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (issue #28, ADR 0029): the audit log, partitioned by day of recording like the attempt
            // history (Kernel's PartitionKeeper keeps its days, retention drops them), append-only: a trigger refuses
            // UPDATE and DELETE (and TRUNCATE of the table), except the DELETE with which the keeper moves rows out of
            // the DEFAULT partition into a new day (it sets hook0.partition_move for that transaction only). No foreign
            // keys: records outlive the organizations and users they name.
            migrationBuilder.Sql("""
                CREATE TABLE infrastructure.audit_record (
                    audit_record_id uuid NOT NULL,
                    recorded_at timestamptz NOT NULL,
                    organization_id uuid NULL,
                    subject_user_id uuid NULL,
                    actor_kind text NOT NULL CHECK (length(actor_kind) <= 40),
                    actor_id text NULL CHECK (length(actor_id) <= 200),
                    channel text NOT NULL CHECK (length(channel) <= 20),
                    entity_type text NOT NULL CHECK (length(entity_type) <= 60),
                    entity_id text NULL CHECK (length(entity_id) <= 200),
                    action text NOT NULL CHECK (length(action) <= 60),
                    diff jsonb NULL,
                    client_ip text NULL CHECK (length(client_ip) <= 64),
                    user_agent text NULL CHECK (length(user_agent) <= 512),
                    request_id text NULL CHECK (length(request_id) <= 128),
                    CONSTRAINT pk_audit_record PRIMARY KEY (recorded_at, audit_record_id)
                ) PARTITION BY RANGE (recorded_at);
                CREATE TABLE infrastructure.audit_record_default PARTITION OF infrastructure.audit_record DEFAULT;
                CREATE INDEX audit_record_organization_idx ON infrastructure.audit_record (organization_id, recorded_at DESC, audit_record_id DESC) WHERE organization_id IS NOT NULL;
                CREATE INDEX audit_record_subject_user_idx ON infrastructure.audit_record (subject_user_id, recorded_at DESC, audit_record_id DESC) WHERE subject_user_id IS NOT NULL;
                CREATE FUNCTION infrastructure.audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('hook0.partition_move', true) = 'on' THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'infrastructure.audit_record is append-only: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege', HINT = 'Records leave only when retention drops their day partition.';
                END
                $fn$;
                CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON infrastructure.audit_record
                    FOR EACH ROW EXECUTE FUNCTION infrastructure.audit_record_append_only();
                CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON infrastructure.audit_record
                    FOR EACH STATEMENT EXECUTE FUNCTION infrastructure.audit_record_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE infrastructure.audit_record;
                DROP FUNCTION infrastructure.audit_record_append_only();
                """);
        }
    }
}
