using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryLogFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "request_attempt_failed_list_idx",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "application_id", "created_at", "request_attempt_id" },
                descending: new[] { false, true, true },
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "request_attempt_undecided_list_idx",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "application_id", "created_at", "request_attempt_id" },
                descending: new[] { false, true, true },
                filter: "succeeded_at IS NULL AND failed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "request_attempt_event_type_list_idx",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "application_id", "event_type_name", "created_at", "request_attempt_id" },
                descending: new[] { false, false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "request_attempt_failed_list_idx",
                schema: "webhook",
                table: "request_attempt");

            migrationBuilder.DropIndex(
                name: "request_attempt_undecided_list_idx",
                schema: "webhook",
                table: "request_attempt");

            migrationBuilder.DropIndex(
                name: "request_attempt_event_type_list_idx",
                schema: "webhook",
                table: "request_attempt");
        }
    }
}
