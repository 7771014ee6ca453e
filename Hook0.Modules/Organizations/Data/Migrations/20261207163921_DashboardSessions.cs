using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <summary>Dashboard sessions kept server-side (issue #23 item 8), found by the keyed hash of the browser's secret. Additive: the schema generation stays.</summary>
    public partial class DashboardSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_session",
                schema: "iam",
                columns: table => new
                {
                    dashboard_session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lookup_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sealed_access_token = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    access_token_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sealed_refresh_token = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    user_agent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dashboard_session", x => x.dashboard_session_id);
                    table.ForeignKey(
                        name: "fk_dashboard_session_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "iam",
                        principalTable: "user",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_session_lookup_hash",
                schema: "iam",
                table: "dashboard_session",
                column: "lookup_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_session_user_id",
                schema: "iam",
                table: "dashboard_session",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_session",
                schema: "iam");
        }
    }
}
