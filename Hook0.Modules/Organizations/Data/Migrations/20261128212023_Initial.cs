using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "iam");

            migrationBuilder.CreateTable(
                name: "organization",
                schema: "iam",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization", x => x.organization_id);
                    table.CheckConstraint("organization_name_chk", "length(name) > 1");
                });

            migrationBuilder.CreateTable(
                name: "user",
                schema: "iam",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    normalized_email = table.Column<string>(type: "text", nullable: false),
                    first_name = table.Column<string>(type: "text", nullable: false),
                    last_name = table.Column<string>(type: "text", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    email_verified_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_login = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "application",
                schema: "iam",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    events_per_day_limit = table.Column<int>(type: "integer", nullable: true),
                    days_of_events_retention_limit = table.Column<int>(type: "integer", nullable: true),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application", x => x.application_id);
                    table.CheckConstraint("application_name_chk", "length(name) > 1");
                    table.ForeignKey(
                        name: "fk_application_organizations_organization_id",
                        column: x => x.organization_id,
                        principalSchema: "iam",
                        principalTable: "organization",
                        principalColumn: "organization_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "token",
                schema: "iam",
                columns: table => new
                {
                    token_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    revocation_id = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "text", nullable: true),
                    biscuit = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_token", x => x.token_id);
                    table.CheckConstraint("token_type_chk", "type IN ('service_access', 'user_access', 'refresh')");
                    table.ForeignKey(
                        name: "fk_token_organization_organization_id",
                        column: x => x.organization_id,
                        principalSchema: "iam",
                        principalTable: "organization",
                        principalColumn: "organization_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_token_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "iam",
                        principalTable: "user",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user__organization",
                schema: "iam",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user__organization", x => new { x.user_id, x.organization_id });
                    table.CheckConstraint("membership_role_chk", "role IN ('editor', 'viewer')");
                    table.ForeignKey(
                        name: "fk_user__organization_organizations_organization_id",
                        column: x => x.organization_id,
                        principalSchema: "iam",
                        principalTable: "organization",
                        principalColumn: "organization_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user__organization_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "iam",
                        principalTable: "user",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_secret",
                schema: "iam",
                columns: table => new
                {
                    token = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_secret", x => x.token);
                    table.ForeignKey(
                        name: "fk_application_secret_applications_application_id",
                        column: x => x.application_id,
                        principalSchema: "iam",
                        principalTable: "application",
                        principalColumn: "application_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_application_organization_id",
                schema: "iam",
                table: "application",
                column: "organization_id",
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_application_secret_application_id",
                schema: "iam",
                table: "application_secret",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_token_organization_id",
                schema: "iam",
                table: "token",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_token_revocation_id",
                schema: "iam",
                table: "token",
                column: "revocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_token_user_id",
                schema: "iam",
                table: "token",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_normalized_email",
                schema: "iam",
                table: "user",
                column: "normalized_email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user__organization_organization_id",
                schema: "iam",
                table: "user__organization",
                column: "organization_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_secret",
                schema: "iam");

            migrationBuilder.DropTable(
                name: "token",
                schema: "iam");

            migrationBuilder.DropTable(
                name: "user__organization",
                schema: "iam");

            migrationBuilder.DropTable(
                name: "application",
                schema: "iam");

            migrationBuilder.DropTable(
                name: "user",
                schema: "iam");

            migrationBuilder.DropTable(
                name: "organization",
                schema: "iam");
        }
    }
}
