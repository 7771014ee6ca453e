using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class RateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "rate_limit_per_second",
                schema: "webhook",
                table: "subscription",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_request_attempt_subscription_id_picked_at",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "subscription_id", "picked_at" },
                filter: "picked_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_request_attempt_subscription_id_picked_at",
                schema: "webhook",
                table: "request_attempt");

            migrationBuilder.DropColumn(
                name: "rate_limit_per_second",
                schema: "webhook",
                table: "subscription");
        }
    }
}
