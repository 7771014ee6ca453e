using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <summary>
    /// Delivery's read contract gains the event's application and reception time: with the event table partitioned by
    /// reception time (ADR 0016), a claim finds each payload in one partition by (application_id, received_at, event_id).
    /// </summary>
    public partial class DeliveryPayloadKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE OR REPLACE VIEW event.delivery_payload AS SELECT event_id, payload, payload_content_type, application_id, received_at FROM event.event;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW event.delivery_payload; CREATE VIEW event.delivery_payload AS SELECT event_id, payload, payload_content_type FROM event.event;");
        }
    }
}
