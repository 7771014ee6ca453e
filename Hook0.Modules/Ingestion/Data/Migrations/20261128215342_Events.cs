using System;
using System.Net;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "payload_schema",
                schema: "event",
                table: "event_type",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "event",
                schema: "event",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type_name = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    payload_content_type = table.Column<string>(type: "text", nullable: false),
                    ip = table.Column<IPAddress>(type: "inet", nullable: true),
                    metadata = table.Column<string>(type: "jsonb", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    dispatched_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    labels = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event", x => x.event_id);
                    table.ForeignKey(
                        name: "fk_event_event_type_application_id_event_type_name",
                        columns: x => new { x.application_id, x.event_type_name },
                        principalSchema: "event",
                        principalTable: "event_type",
                        principalColumns: new[] { "application_id", "event_type_name" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events_per_day",
                schema: "event",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events_per_day", x => new { x.application_id, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_application_id_event_type_name",
                schema: "event",
                table: "event",
                columns: new[] { "application_id", "event_type_name" });

            migrationBuilder.CreateIndex(
                name: "ix_event_application_id_received_at_event_id",
                schema: "event",
                table: "event",
                columns: new[] { "application_id", "received_at", "event_id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_event_received_at",
                schema: "event",
                table: "event",
                column: "received_at")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event",
                schema: "event");

            migrationBuilder.DropTable(
                name: "events_per_day",
                schema: "event");

            migrationBuilder.DropColumn(
                name: "payload_schema",
                schema: "event",
                table: "event_type");
        }
    }
}
