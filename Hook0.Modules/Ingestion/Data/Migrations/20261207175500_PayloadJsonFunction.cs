using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hook0.Modules.Ingestion.Data.Migrations
{
    /// <summary>
    /// <c>event.payload_json(bytea)</c>: a stored payload as jsonb, the expression payload search filters on and the
    /// payload GIN index (next migration, <c>PayloadSearchIndex</c>) is built on (issue #23).
    /// <para>
    /// Why a function of our own: <c>convert_from</c> is STABLE (its result depends on the database encoding), and an
    /// index expression must be IMMUTABLE. Declaring this wrapper IMMUTABLE is safe because a database's encoding is fixed
    /// when it is created and never changes, so the same bytes always give the same jsonb (or the same null) in it.
    /// </para>
    /// <para>
    /// Why PL/pgSQL with an exception block: the index evaluates it on every inserted JSON event, and ingest accepts JSON
    /// that jsonb refuses (a \u0000 escape, an escaped lone surrogate, a number beyond numeric's range). Such a payload
    /// is indexed as null (never found by a search) instead of failing the insert and the whole ingest group with it.
    /// </para>
    /// <para>
    /// PARALLEL UNSAFE (the default): an exception block opens a subtransaction, which a parallel worker may not.
    /// COST 100 (PL/pgSQL's default) tells the planner a parse per row is dear, which it is.
    /// </para>
    /// </summary>
    public partial class PayloadJsonFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION event.payload_json(payload bytea) RETURNS jsonb
                    LANGUAGE plpgsql IMMUTABLE STRICT COST 100
                AS $$
                BEGIN
                    RETURN convert_from(payload, 'UTF8')::jsonb;
                EXCEPTION WHEN data_exception OR program_limit_exceeded THEN
                    -- Not UTF-8, not JSON jsonb reads, or nested too deep for the stack: not searchable.
                    RETURN NULL;
                END
                $$;
                COMMENT ON FUNCTION event.payload_json(bytea) IS
                    'A stored event payload as jsonb, null when not readable as such. IMMUTABLE although convert_from is STABLE: the database encoding never changes. Payload search filters and indexes on this expression.';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION event.payload_json(bytea);");
        }
    }
}
