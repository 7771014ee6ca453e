using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryAnalyticsHourly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_stat_hour",
                schema: "webhook",
                columns: table => new
                {
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    succeeded = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    http_2xx = table.Column<int>(type: "integer", nullable: false),
                    http_3xx = table.Column<int>(type: "integer", nullable: false),
                    http_4xx = table.Column<int>(type: "integer", nullable: false),
                    http_5xx = table.Column<int>(type: "integer", nullable: false),
                    no_response = table.Column<int>(type: "integer", nullable: false),
                    error_classes = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    latency_buckets = table.Column<int[]>(type: "integer[]", nullable: false),
                    latency_count = table.Column<int>(type: "integer", nullable: false),
                    latency_sum_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_stat_hour", x => new { x.subscription_id, x.hour });
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_stat_hour_application_id_hour",
                schema: "webhook",
                table: "delivery_stat_hour",
                columns: new[] { "application_id", "hour" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_stat_hour_hour",
                schema: "webhook",
                table: "delivery_stat_hour",
                column: "hour");

            // The hours of the minutes already counted (ADR 0013). The watermark row is locked first so that
            // no roll-up adds minutes while they are summed (a runner skips a locked watermark and leaves).
            // The cutoffs of the purge are whole hours, so minutes never hold a partial hour.
            migrationBuilder.Sql("SELECT 1 FROM webhook.delivery_stat_watermark WHERE id = 1 FOR UPDATE");
            var buckets = string.Join(", ", Enumerable.Range(1, 72).Select(i => $"sum(latency_buckets[{i}])::integer"));
            migrationBuilder.Sql($"""
                INSERT INTO webhook.delivery_stat_hour (subscription_id, hour, application_id, succeeded, failed, http_2xx, http_3xx, http_4xx,
                    http_5xx, no_response, error_classes, latency_buckets, latency_count, latency_sum_ms)
                SELECT subscription_id, date_trunc('hour', minute, 'UTC'), application_id, sum(succeeded)::integer, sum(failed)::integer,
                    sum(http_2xx)::integer, sum(http_3xx)::integer, sum(http_4xx)::integer, sum(http_5xx)::integer, sum(no_response)::integer,
                    jsonb_build_object(), ARRAY[{buckets}], sum(latency_count)::integer, sum(latency_sum_ms)::bigint
                FROM webhook.delivery_stat_minute
                GROUP BY 1, 2, 3
                """);
            migrationBuilder.Sql("""
                UPDATE webhook.delivery_stat_hour h SET error_classes = e.classes
                FROM (SELECT subscription_id, hour, jsonb_object_agg(key, total) AS classes
                      FROM (SELECT m.subscription_id, date_trunc('hour', m.minute, 'UTC') AS hour, e.key, sum(e.value::bigint) AS total
                            FROM webhook.delivery_stat_minute m CROSS JOIN LATERAL jsonb_each_text(m.error_classes) AS e
                            WHERE m.error_classes <> '{}'::jsonb
                            GROUP BY 1, 2, 3) AS t
                      GROUP BY 1, 2) AS e
                WHERE h.subscription_id = e.subscription_id AND h.hour = e.hour
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_stat_hour",
                schema: "webhook");
        }
    }
}
