using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventTypeDocumentation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "deprecated",
                schema: "event",
                table: "event_type",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "description",
                schema: "event",
                table: "event_type",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "example",
                schema: "event",
                table: "event_type",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "deprecated",
                schema: "event",
                table: "event_type");

            migrationBuilder.DropColumn(
                name: "description",
                schema: "event",
                table: "event_type");

            migrationBuilder.DropColumn(
                name: "example",
                schema: "event",
                table: "event_type");
        }
    }
}
