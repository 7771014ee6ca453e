using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Organizations.Data.Migrations
{
    /// <inheritdoc />
    public partial class OperationalWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_system",
                schema: "iam",
                table: "application",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "application_system_uidx",
                schema: "iam",
                table: "application",
                column: "organization_id",
                unique: true,
                filter: "is_system AND deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "application_system_uidx",
                schema: "iam",
                table: "application");

            migrationBuilder.DropColumn(
                name: "is_system",
                schema: "iam",
                table: "application");
        }
    }
}
