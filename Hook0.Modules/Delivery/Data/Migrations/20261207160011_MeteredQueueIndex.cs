using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <summary>
    /// The metered rows of the queue by subscription: the metered claim's repair of stray rows (and its lanes' probe)
    /// then reads only metered rows, instead of a plan that scanned the whole queue as the open backlog grew (157 ms a
    /// claim at 1,000,000 queued, docs/benchmarks.md). Only metered rows are in it: open inserts do not maintain it.
    /// </summary>
    public partial class MeteredQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("CREATE INDEX delivery_queue_metered_idx ON webhook.delivery_queue (subscription_id, due_at) WHERE metered;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("DROP INDEX webhook.delivery_queue_metered_idx;");
    }
}
