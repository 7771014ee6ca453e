using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class CliListenTarget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "target_type",
                schema: "webhook",
                table: "subscription",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "http");

            // Hand-written (issue #25, cli target): a cli subscription's lane is metered and marked cli, so that neither the
            // open path nor the shared metered claim takes its attempts; only the instance holding its listener does
            // (ClaimCliSql). A check keeps the target types to the two the API accepts.
            migrationBuilder.Sql("""
                ALTER TABLE webhook.delivery_lane ADD COLUMN cli boolean NOT NULL DEFAULT false;
                ALTER TABLE webhook.subscription ADD CONSTRAINT subscription_target_type_chk CHECK (target_type IN ('http', 'cli'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE webhook.subscription DROP CONSTRAINT subscription_target_type_chk;
                ALTER TABLE webhook.delivery_lane DROP COLUMN cli;
                """);
            migrationBuilder.DropColumn(
                name: "target_type",
                schema: "webhook",
                table: "subscription");
        }
    }
}
