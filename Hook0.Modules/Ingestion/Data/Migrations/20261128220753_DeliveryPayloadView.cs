using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryPayloadView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Ingestion's published read contract for Delivery's claim: the bytes to deliver and their
            // content type, and nothing else of the event (house style: owners declare read-only views).
            migrationBuilder.Sql("CREATE VIEW event.delivery_payload AS SELECT event_id, payload, payload_content_type FROM event.event;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW event.delivery_payload;");

        }
    }
}
