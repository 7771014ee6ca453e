using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventListFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_event_application_id_event_type_name_received_at_event_id",
                schema: "event",
                table: "event",
                columns: new[] { "application_id", "event_type_name", "received_at", "event_id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_event_labels",
                schema: "event",
                table: "event",
                column: "labels")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            // Plain CREATE INDEX in the migration's transaction, not CONCURRENTLY: a concurrent build waits
            // for every open transaction, including a second instance's waiting on the migration lock, which
            // deadlocks a multi-instance start-up. The cost is a write pause while the indexes build
            // (about 3 s per million events here), stated in ADR 0012.
            // Only now: the foreign key (event type deletions cascade) is never without an index to use.
            migrationBuilder.DropIndex(
                name: "ix_event_application_id_event_type_name",
                schema: "event",
                table: "event");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_event_application_id_event_type_name_received_at_event_id",
                schema: "event",
                table: "event");

            migrationBuilder.DropIndex(
                name: "ix_event_labels",
                schema: "event",
                table: "event");

            migrationBuilder.CreateIndex(
                name: "ix_event_application_id_event_type_name",
                schema: "event",
                table: "event",
                columns: new[] { "application_id", "event_type_name" });
        }
    }
}
