using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdentityAndPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "email_verification_resend_count",
                schema: "iam",
                table: "user",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "email_verification_resend_window_started_at",
                schema: "iam",
                table: "user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "email_verification_sent_at",
                schema: "iam",
                table: "user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "password_changed_at",
                schema: "iam",
                table: "user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "plan_id",
                schema: "iam",
                table: "organization",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "plan",
                schema: "iam",
                columns: table => new
                {
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    label = table.Column<string>(type: "text", nullable: false),
                    members_per_organization_limit = table.Column<int>(type: "integer", nullable: true),
                    applications_per_organization_limit = table.Column<int>(type: "integer", nullable: true),
                    events_per_day_limit = table.Column<int>(type: "integer", nullable: true),
                    days_of_events_retention_limit = table.Column<int>(type: "integer", nullable: true),
                    subscriptions_per_application_limit = table.Column<int>(type: "integer", nullable: true),
                    event_types_per_application_limit = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan", x => x.plan_id);
                    table.CheckConstraint("plan_name_chk", "length(name) > 0");
                });

            migrationBuilder.CreateIndex(
                name: "ix_organization_plan_id",
                schema: "iam",
                table: "organization",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_name",
                schema: "iam",
                table: "plan",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_organization_plans_plan_id",
                schema: "iam",
                table: "organization",
                column: "plan_id",
                principalSchema: "iam",
                principalTable: "plan",
                principalColumn: "plan_id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_organization_plans_plan_id",
                schema: "iam",
                table: "organization");

            migrationBuilder.DropTable(
                name: "plan",
                schema: "iam");

            migrationBuilder.DropIndex(
                name: "ix_organization_plan_id",
                schema: "iam",
                table: "organization");

            migrationBuilder.DropColumn(
                name: "email_verification_resend_count",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "email_verification_resend_window_started_at",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "email_verification_sent_at",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "password_changed_at",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "plan_id",
                schema: "iam",
                table: "organization");
        }
    }
}
