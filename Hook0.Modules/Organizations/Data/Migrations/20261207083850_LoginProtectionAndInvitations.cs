using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <inheritdoc />
    public partial class LoginProtectionAndInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "failed_login_count",
                schema: "iam",
                table: "user",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_failed_login_at",
                schema: "iam",
                table: "user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "login_locked_until",
                schema: "iam",
                table: "user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "password_reset_sent_at",
                schema: "iam",
                table: "user",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invitation",
                schema: "iam",
                columns: table => new
                {
                    invitation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    normalized_email = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    invited_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitation", x => x.invitation_id);
                    table.CheckConstraint("invitation_role_chk", "role IN ('editor', 'viewer')");
                    table.ForeignKey(
                        name: "fk_invitation_organizations_organization_id",
                        column: x => x.organization_id,
                        principalSchema: "iam",
                        principalTable: "organization",
                        principalColumn: "organization_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_invitation_users_invited_by_user_id",
                        column: x => x.invited_by_user_id,
                        principalSchema: "iam",
                        principalTable: "user",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invitation_invited_by_user_id",
                schema: "iam",
                table: "invitation",
                column: "invited_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_invitation_normalized_email",
                schema: "iam",
                table: "invitation",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_invitation_organization_id_normalized_email",
                schema: "iam",
                table: "invitation",
                columns: new[] { "organization_id", "normalized_email" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invitation",
                schema: "iam");

            migrationBuilder.DropColumn(
                name: "failed_login_count",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "last_failed_login_at",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "login_locked_until",
                schema: "iam",
                table: "user");

            migrationBuilder.DropColumn(
                name: "password_reset_sent_at",
                schema: "iam",
                table: "user");
        }
    }
}
