using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <summary>
    /// First tries before due retries (ADR 0016, "fairness"): the open claim reserves half of each batch for first tries,
    /// as wave one did, so new events are never stuck behind a wall of due retries of a failing endpoint and retries are
    /// never starved. One partial index per kind keeps each a plain range by due time; every row is in exactly one of
    /// them, so an insert still maintains one open index.
    /// </summary>
    public partial class FirstTriesFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX webhook.delivery_queue_open_idx;
                CREATE INDEX delivery_queue_open_first_idx ON webhook.delivery_queue (due_at) WHERE NOT metered AND attempt_number = 0;
                CREATE INDEX delivery_queue_open_retry_idx ON webhook.delivery_queue (due_at) WHERE NOT metered AND attempt_number > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX webhook.delivery_queue_open_first_idx;
                DROP INDEX webhook.delivery_queue_open_retry_idx;
                CREATE INDEX delivery_queue_open_idx ON webhook.delivery_queue (due_at) WHERE NOT metered;
                """);
        }
    }
}
