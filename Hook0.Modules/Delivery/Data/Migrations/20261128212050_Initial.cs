using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "webhook");

            migrationBuilder.CreateTable(
                name: "subscription",
                schema: "webhook",
                columns: table => new
                {
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    secret = table.Column<Guid>(type: "uuid", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    target_method = table.Column<string>(type: "text", nullable: false),
                    target_url = table.Column<string>(type: "text", nullable: false),
                    target_headers = table.Column<string>(type: "jsonb", nullable: false),
                    dedicated_workers = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscription", x => x.subscription_id);
                });

            migrationBuilder.CreateTable(
                name: "subscription__event_type",
                schema: "webhook",
                columns: table => new
                {
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type_name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscription__event_type", x => new { x.subscription_id, x.event_type_name });
                    table.ForeignKey(
                        name: "fk_subscription__event_type_subscription_subscription_id",
                        column: x => x.subscription_id,
                        principalSchema: "webhook",
                        principalTable: "subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subscription_application_id",
                schema: "webhook",
                table: "subscription",
                column: "application_id",
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subscription__event_type",
                schema: "webhook");

            migrationBuilder.DropTable(
                name: "subscription",
                schema: "webhook");
        }
    }
}
