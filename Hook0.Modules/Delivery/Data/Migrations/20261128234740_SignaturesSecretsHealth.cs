using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignaturesSecretsHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "secret",
                schema: "webhook",
                table: "subscription",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<DateTime>(
                name: "failing_since",
                schema: "webhook",
                table: "subscription",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "health_changed_at",
                schema: "webhook",
                table: "subscription",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "health_reason",
                schema: "webhook",
                table: "subscription",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "health_state",
                schema: "webhook",
                table: "subscription",
                type: "text",
                nullable: false,
                defaultValue: "healthy");

            migrationBuilder.AddColumn<DateTime>(
                name: "last_failed_at",
                schema: "webhook",
                table: "subscription",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "recovered_at",
                schema: "webhook",
                table: "subscription",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signature_schemes",
                schema: "webhook",
                table: "subscription",
                type: "text",
                nullable: false,
                defaultValue: "both");

            migrationBuilder.CreateTable(
                name: "data_protection_key",
                schema: "webhook",
                columns: table => new
                {
                    data_protection_key_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_key", x => x.data_protection_key_id);
                });

            migrationBuilder.CreateTable(
                name: "subscription_health_transition",
                schema: "webhook",
                columns: table => new
                {
                    health_transition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_state = table.Column<string>(type: "text", nullable: false),
                    to_state = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscription_health_transition", x => x.health_transition_id);
                    table.ForeignKey(
                        name: "fk_subscription_health_transition_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalSchema: "webhook",
                        principalTable: "subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscription_secret",
                schema: "webhook",
                columns: table => new
                {
                    subscription_secret_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    protected_value = table.Column<string>(type: "text", nullable: false),
                    public_key = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscription_secret", x => x.subscription_secret_id);
                    table.CheckConstraint("subscription_secret_kind_chk", "kind IN ('hmac', 'ed25519')");
                    table.ForeignKey(
                        name: "fk_subscription_secret_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalSchema: "webhook",
                        principalTable: "subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "subscription_health_watch_idx",
                schema: "webhook",
                table: "subscription",
                column: "health_state",
                filter: "deleted_at IS NULL AND (failing_since IS NOT NULL OR health_state <> 'healthy')");

            migrationBuilder.AddCheckConstraint(
                name: "subscription_health_state_chk",
                schema: "webhook",
                table: "subscription",
                sql: "health_state IN ('healthy', 'degraded', 'failing', 'disabled')");

            migrationBuilder.AddCheckConstraint(
                name: "subscription_signature_schemes_chk",
                schema: "webhook",
                table: "subscription",
                sql: "signature_schemes IN ('hook0', 'standard', 'both')");

            migrationBuilder.CreateIndex(
                name: "ix_subscription_health_transition_subscription_id_occurred_at",
                schema: "webhook",
                table: "subscription_health_transition",
                columns: new[] { "subscription_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_subscription_secret_subscription_id",
                schema: "webhook",
                table: "subscription_secret",
                column: "subscription_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_key",
                schema: "webhook");

            migrationBuilder.DropTable(
                name: "subscription_health_transition",
                schema: "webhook");

            migrationBuilder.DropTable(
                name: "subscription_secret",
                schema: "webhook");

            migrationBuilder.DropIndex(
                name: "subscription_health_watch_idx",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropCheckConstraint(
                name: "subscription_health_state_chk",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropCheckConstraint(
                name: "subscription_signature_schemes_chk",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "failing_since",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "health_changed_at",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "health_reason",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "health_state",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "last_failed_at",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "recovered_at",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "signature_schemes",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.AlterColumn<Guid>(
                name: "secret",
                schema: "webhook",
                table: "subscription",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
