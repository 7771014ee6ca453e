using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Time-ordered ids for attempts (upstream uses PostgreSQL 18's uuidv7(); this works from 13 on).
            migrationBuilder.Sql("""
                CREATE FUNCTION webhook.uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
                  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                    52, 1), 53, 1), 'hex')::uuid
                $$;
                """);

            migrationBuilder.CreateTable(
                name: "response",
                schema: "webhook",
                columns: table => new
                {
                    response_id = table.Column<Guid>(type: "uuid", nullable: false),
                    response_error_name = table.Column<string>(type: "text", nullable: true),
                    http_code = table.Column<short>(type: "smallint", nullable: true),
                    headers = table.Column<string>(type: "jsonb", nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true),
                    body_truncated = table.Column<bool>(type: "boolean", nullable: false),
                    elapsed_time_ms = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_response", x => x.response_id);
                });

            migrationBuilder.CreateTable(
                name: "subscription__event_type_pattern",
                schema: "webhook",
                columns: table => new
                {
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pattern = table.Column<string>(type: "text", nullable: false),
                    regex = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscription__event_type_pattern", x => new { x.subscription_id, x.pattern });
                    table.ForeignKey(
                        name: "fk_subscription__event_type_pattern_subscription_subscription_",
                        column: x => x.subscription_id,
                        principalSchema: "webhook",
                        principalTable: "subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "request_attempt",
                schema: "webhook",
                columns: table => new
                {
                    request_attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type_name = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    picked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    worker_name = table.Column<string>(type: "text", nullable: true),
                    worker_version = table.Column<string>(type: "text", nullable: true),
                    failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    succeeded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    delay_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    response_id = table.Column<Guid>(type: "uuid", nullable: true),
                    retry_count = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_request_attempt", x => x.request_attempt_id);
                    table.CheckConstraint("request_attempt_outcome_chk", "succeeded_at IS NULL OR failed_at IS NULL");
                    table.ForeignKey(
                        name: "fk_request_attempt_responses_response_id",
                        column: x => x.response_id,
                        principalSchema: "webhook",
                        principalTable: "response",
                        principalColumn: "response_id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_request_attempt_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalSchema: "webhook",
                        principalTable: "subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_request_attempt_application_id_created_at_request_attempt_id",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "application_id", "created_at", "request_attempt_id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_request_attempt_event_id",
                schema: "webhook",
                table: "request_attempt",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_request_attempt_response_id",
                schema: "webhook",
                table: "request_attempt",
                column: "response_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_request_attempt_subscription_id_created_at",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "subscription_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "request_attempt_waiting_idx",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "created_at", "retry_count" },
                filter: "succeeded_at IS NULL AND failed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION webhook.uuid_v7();");

            migrationBuilder.DropTable(
                name: "request_attempt",
                schema: "webhook");

            migrationBuilder.DropTable(
                name: "subscription__event_type_pattern",
                schema: "webhook");

            migrationBuilder.DropTable(
                name: "response",
                schema: "webhook");
        }
    }
}
