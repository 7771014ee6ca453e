using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <summary>
    /// Issue #26: the subscription's circuit-breaker threshold, and the lane's circuit and adaptive-rate state (the lane
    /// table is written by hand SQL, see SecondDesign: its columns are added the same way).
    /// </summary>
    public partial class CircuitBreakerAdaptiveRate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "circuit_breaker_threshold",
                schema: "webhook",
                table: "subscription",
                type: "integer",
                nullable: true);

            // Hand-written (the lane is excluded from EF migrations): the breaker's count, openings and reason, the time
            // before which nothing of the lane is claimed (probe time or Retry-After), the adaptive rate's clock.
            migrationBuilder.Sql("""
                ALTER TABLE webhook.delivery_lane
                    ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0,
                    ADD COLUMN circuit_opens integer NOT NULL DEFAULT 0,
                    ADD COLUMN circuit_reason text NULL,
                    ADD COLUMN held_until timestamptz NULL,
                    ADD COLUMN adaptive_changed_at timestamptz NULL,
                    ADD COLUMN adaptive_decreased_at timestamptz NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE webhook.delivery_lane
                    DROP COLUMN consecutive_failures, DROP COLUMN circuit_opens, DROP COLUMN circuit_reason, DROP COLUMN held_until,
                    DROP COLUMN adaptive_changed_at, DROP COLUMN adaptive_decreased_at;
                """);
            migrationBuilder.DropColumn(
                name: "circuit_breaker_threshold",
                schema: "webhook",
                table: "subscription");
        }
    }
}
