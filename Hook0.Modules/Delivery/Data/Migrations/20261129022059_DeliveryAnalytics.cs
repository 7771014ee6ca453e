using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_stat_minute",
                schema: "webhook",
                columns: table => new
                {
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    minute = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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
                    table.PrimaryKey("pk_delivery_stat_minute", x => new { x.subscription_id, x.minute });
                });

            migrationBuilder.CreateTable(
                name: "delivery_stat_watermark",
                schema: "webhook",
                columns: table => new
                {
                    id = table.Column<short>(type: "smallint", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    request_attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_stat_watermark", x => x.id);
                    table.CheckConstraint("delivery_stat_watermark_single_chk", "id = 1");
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_stat_minute_application_id_minute",
                schema: "webhook",
                table: "delivery_stat_minute",
                columns: new[] { "application_id", "minute" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_stat_minute_minute",
                schema: "webhook",
                table: "delivery_stat_minute",
                column: "minute");

            // The roll-up's scan (ADR 0013): finished tries in (finished at, id) order. Not in the model:
            // EF cannot describe an expression index; the roll-up's query repeats the expression and predicate.
            migrationBuilder.Sql("""
                CREATE INDEX request_attempt_completed_idx ON webhook.request_attempt
                    ((coalesce(succeeded_at, failed_at)), request_attempt_id)
                    WHERE succeeded_at IS NOT NULL OR failed_at IS NOT NULL
                """);

            // Adds the roll-up's sums into a row: latency histograms element by element, error classes key by key.
            migrationBuilder.Sql("""
                CREATE FUNCTION webhook.int_array_add(a integer[], b integer[]) RETURNS integer[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
                $$
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION webhook.jsonb_sum_counts(a jsonb, b jsonb) RETURNS jsonb
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
                    FROM (SELECT key, sum(value::bigint) AS total
                          FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) AS e
                          GROUP BY key) AS t
                $$
                """);

            // The single watermark row, before every existing try: the first runs add up the history, batch by batch.
            migrationBuilder.Sql("""
                INSERT INTO webhook.delivery_stat_watermark (id, completed_at, request_attempt_id, updated_at)
                VALUES (1, '1970-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000', now())
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX webhook.request_attempt_completed_idx");
            migrationBuilder.Sql("DROP FUNCTION webhook.int_array_add(integer[], integer[])");
            migrationBuilder.Sql("DROP FUNCTION webhook.jsonb_sum_counts(jsonb, jsonb)");

            migrationBuilder.DropTable(
                name: "delivery_stat_minute",
                schema: "webhook");

            migrationBuilder.DropTable(
                name: "delivery_stat_watermark",
                schema: "webhook");
        }
    }
}
