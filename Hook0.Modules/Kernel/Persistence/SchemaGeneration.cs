using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// The schema generation: a number raised only by a migration that leaves the schema unusable by the versions
/// before it (it drops or reshapes what they read or write), recorded in the database by that migration itself
/// (so the start-up migrator, <c>dotnet ef database update</c> and a generated SQL script all record it). A build
/// refuses to start on a database of a newer generation than its own (<see cref="DatabaseMigrator"/>): an old
/// instance left in a rolling upgrade, or rolled back onto an upgraded database, stops with one clear line instead
/// of failing at its first query on a table that is gone. Additive migrations keep the generation, so versions that
/// differ only by them still run side by side.
/// Generations: none recorded (the table is absent) = 1, wave one (no check at all); 2 = the second delivery design
/// (issue #20, ADR 0016: request_attempt and response dropped).
/// </summary>
public static class SchemaGeneration
{
    /// <summary>The generation this build's migrations end at, and the newest it can run against.</summary>
    public const int Compiled = 2;

    /// <summary>What a database without the table is: wave one, or nothing migrated yet.</summary>
    public const int Unrecorded = 1;

    /// <summary>The process's exit code when it refuses a newer database (1 is for invalid settings).</summary>
    public const int RefusedExitCode = 3;

    private const string Table = "infrastructure.schema_generation";

    /// <summary>
    /// For a migration that breaks the versions before <paramref name="generation"/>: records it (never lowers it).
    /// The table is the migrations' own bookkeeping, shared by every module (as each module's history table is its
    /// own), so it is created where it is first needed.
    /// </summary>
    public static void Raise(MigrationBuilder migrationBuilder, int generation)
        => migrationBuilder.Sql($"""
            CREATE SCHEMA IF NOT EXISTS infrastructure;
            CREATE TABLE IF NOT EXISTS {Table} (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                generation integer NOT NULL,
                raised_at timestamptz NOT NULL DEFAULT now()
            );
            INSERT INTO {Table} (generation) VALUES ({generation})
            ON CONFLICT (singleton) DO UPDATE SET generation = excluded.generation, raised_at = now()
            WHERE {Table}.generation < excluded.generation;
            """);

    /// <summary>The database's generation (<see cref="Unrecorded"/> when no migration ever raised it).</summary>
    public static async Task<int> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Two statements: a query naming a table that does not exist fails when parsed, whatever guards it.
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass('{Table}') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return Unrecorded;
            }
        }

        await using var read = new NpgsqlCommand($"SELECT max(generation) FROM {Table}", connection);
        return await read.ExecuteScalarAsync(cancellationToken) is int generation ? generation : Unrecorded;
    }
}
