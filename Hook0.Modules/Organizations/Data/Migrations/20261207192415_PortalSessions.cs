using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortalSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "portal_session",
                schema: "iam",
                columns: table => new
                {
                    portal_session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sealed_token = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    issuer_revocation_id = table.Column<byte[]>(type: "bytea", nullable: true),
                    issuer_session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    read_only = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    exchanged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lookup_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portal_session", x => x.portal_session_id);
                    table.ForeignKey(
                        name: "fk_portal_session_application_application_id",
                        column: x => x.application_id,
                        principalSchema: "iam",
                        principalTable: "application",
                        principalColumn: "application_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "portal_settings",
                schema: "iam",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    allowed_origins = table.Column<string[]>(type: "text[]", nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    logo_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    accent_color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    theme = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portal_settings", x => x.application_id);
                    table.CheckConstraint("portal_settings_theme_chk", "theme IN ('light', 'dark')");
                    table.ForeignKey(
                        name: "fk_portal_settings_application_application_id",
                        column: x => x.application_id,
                        principalSchema: "iam",
                        principalTable: "application",
                        principalColumn: "application_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_portal_session_application_id",
                schema: "iam",
                table: "portal_session",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_portal_session_expires_at",
                schema: "iam",
                table: "portal_session",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_portal_session_lookup_hash",
                schema: "iam",
                table: "portal_session",
                column: "lookup_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "portal_session",
                schema: "iam");

            migrationBuilder.DropTable(
                name: "portal_settings",
                schema: "iam");
        }
    }
}
