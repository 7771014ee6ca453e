using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class EgressProxyOAuth2Mtls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "certificate_expiry_warned",
                schema: "webhook",
                table: "subscription",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client_certificates",
                schema: "webhook",
                table: "subscription",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "oauth2",
                schema: "webhook",
                table: "subscription",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "proxy",
                schema: "webhook",
                table: "subscription",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "server_ca_pem",
                schema: "webhook",
                table: "subscription",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "certificate_expiry_warned",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "client_certificates",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "oauth2",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "proxy",
                schema: "webhook",
                table: "subscription");

            migrationBuilder.DropColumn(
                name: "server_ca_pem",
                schema: "webhook",
                table: "subscription");
        }
    }
}
