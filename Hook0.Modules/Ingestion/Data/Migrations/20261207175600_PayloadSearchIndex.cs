using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <summary>
    /// The payload search index (issue #23): GIN with <c>jsonb_path_ops</c> (it answers only containment, <c>@&gt;</c>,
    /// which is all payload search asks, with entries a third the size of the default operator class's) on
    /// <c>event.payload_json(payload)</c>, for JSON payloads only. Declared on the partitioned parent, so PostgreSQL
    /// builds it on every partition, DEFAULT included, and on every partition attached later (the partition keeper's
    /// ATTACH PARTITION builds the partition's missing indexes).
    /// <para>
    /// Its own migration: it is what costs ingest (every JSON event's payload is parsed and its values hashed into the
    /// index), so it can be benchmarked, and reverted, apart from the function the search itself needs (without the
    /// index a search still answers, by reading the application's events through the listing key).
    /// </para>
    /// <para>
    /// Plain CREATE INDEX in the migration's transaction, not CONCURRENTLY (which a partitioned table refuses anyway, and
    /// which deadlocks instances starting together, see <c>EventListFilters</c>): writes to the event table wait while it
    /// builds, once, at the upgrade.
    /// </para>
    /// </summary>
    public partial class PayloadSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_event_payload_json ON event.event USING gin (event.payload_json(payload) jsonb_path_ops)
                    WHERE payload_content_type = 'application/json';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX event.ix_event_payload_json;");
        }
    }
}
