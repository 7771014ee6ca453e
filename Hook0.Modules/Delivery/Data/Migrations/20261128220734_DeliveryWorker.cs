using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryWorker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_paused",
                schema: "webhook",
                table: "subscription",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "max_concurrency",
                schema: "webhook",
                table: "subscription",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retry_policy",
                schema: "webhook",
                table: "subscription",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "give_up_reason",
                schema: "webhook",
                table: "request_attempt",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "lease_until",
                schema: "webhook",
                table: "request_attempt",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "retried_at",
                schema: "webhook",
                table: "request_attempt",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "request_attempt_dead_letter_idx",
                schema: "webhook",
                table: "request_attempt",
                columns: new[] { "application_id", "failed_at" },
                filter: "give_up_reason IN ('exhausted', 'invalid_header', 'gone_410') AND retried_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "request_attempt_dead_letter_idx",
                schema: "webhook",
                table: "request_attempt");

            migrationBuilder.DropColumn(
                name: "is_paused",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "max_concurrency",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "retry_policy",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "give_up_reason",
                schema: "webhook",
                table: "request_attempt");

            migrationBuilder.DropColumn(
                name: "lease_until",
                schema: "webhook",
                table: "request_attempt");

            migrationBuilder.DropColumn(
                name: "retried_at",
                schema: "webhook",
                table: "request_attempt");
        }
    }
}
