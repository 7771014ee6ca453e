using Hook0.Modules.Kernel.Persistence;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Upgrade;

/// <summary>
/// Issue #20 item 3: a version never runs against a database that a newer version migrated past what it can use
/// (a rolling upgrade cannot mix them, a rollback onto an upgraded database stops at once). Real server processes, so
/// the exit code and the console are the operator's.
/// </summary>
[NonParallelizable]
public sealed class SchemaGenerationTests
{
    [Test]
    public async Task A_database_migrated_by_this_version_records_the_generation_this_build_is_compiled_for()
        => Assert.That(await ApiFixture.Database.ScalarAsync<int>("SELECT generation FROM infrastructure.schema_generation"),
            Is.EqualTo(SchemaGeneration.Compiled));

    [TestCase(false, TestName = "A database of a newer generation is refused before anything is migrated, with one line and exit code 3")]
    [TestCase(true, TestName = "With automatic migration off, a database of a newer generation is refused instead of waited for")]
    public async Task A_newer_generation_is_refused(bool noAutoMigration)
    {
        var database = TestDatabase.CreateUnique("hook0_generation");
        try
        {
            await database.CreateEmptyAsync();
            // What a newer version's migration leaves behind (SchemaGeneration.Raise), on a database with nothing else.
            await database.ExecuteAsync($"""
                CREATE SCHEMA infrastructure;
                CREATE TABLE infrastructure.schema_generation (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), generation integer NOT NULL,
                    raised_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO infrastructure.schema_generation (generation) VALUES ({SchemaGeneration.Compiled + 1});
                """);
            await using var server = ServerProcess.Start(new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["BISCUIT_PRIVATE_KEY"] = Hook0Factory.BiscuitPrivateKey,
                ["NO_AUTO_DB_MIGRATION"] = noAutoMigration ? "true" : "false",
            });

            var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));
            var output = string.Join('\n', server.Output);
            Assert.Multiple(async () =>
            {
                Assert.That(exitCode, Is.EqualTo(SchemaGeneration.RefusedExitCode), output);
                Assert.That(server.Output.Count(l => l.StartsWith("crit:", StringComparison.Ordinal)), Is.EqualTo(1), output);
                Assert.That(output, Does.Contain($"Refusing to start: the database is at schema generation {SchemaGeneration.Compiled + 1}, newer than this version's {SchemaGeneration.Compiled}"));
                Assert.That(server.Output.Where(l => l.StartsWith("fail:", StringComparison.Ordinal)), Is.Empty, "refused, not crashed at a first query");
                Assert.That(await database.ScalarAsync<bool>("SELECT to_regclass('iam.\"__EFMigrationsHistory\"') IS NULL"), Is.True, "nothing migrated");
            });
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
