using Hook0.Tests.Infrastructure;
using Npgsql;
using Respawn;
using Respawn.Graph;

// The one namespace that does not follow its folder: NUnit runs a [SetUpFixture] for the tests of its own namespace
// and below, and every test of the assembly uses this host and database, so it must sit in the root namespace.
namespace Hook0.Tests;

/// <summary>
/// One database and one host for the whole run (migrated once, at host start-up); every test starts
/// from empty tables thanks to Respawn.
/// </summary>
[SetUpFixture]
public sealed class ApiFixture
{
    private static TestDatabase? _database;
    private static Hook0Factory? _factory;
    private static Respawner? _respawner;

    public static TestDatabase Database => _database ?? throw new InvalidOperationException("The API fixture is not started.");

    public static Hook0Factory Factory => _factory ?? throw new InvalidOperationException("The API fixture is not started.");

    public static readonly string[] Schemas = ["iam", "event", "webhook"];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = TestDatabase.CreateUnique();
        _factory = new Hook0Factory(_database);
        _ = _factory.Server; // starts the host, which migrates the new database

        _respawner = await CreateRespawnerAsync();
    }

    private static async Task<Respawner> CreateRespawnerAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        return await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = Schemas,
            // The key ring sealing subscription secrets outlives tests: every host of the run caches it.
            TablesToIgnore = [.. Schemas.Select(s => new Table(s, "__EFMigrationsHistory")), new Table("webhook", "data_protection_key")],
        });
    }

    public static async Task ResetAsync()
    {
        // The shared host's workers keep claiming while a test resets: its TRUNCATE (many tables, day partitions
        // included) can meet a claim that locks the queue and then an event partition, in the other order. PostgreSQL
        // breaks the deadlock by failing one side; when that is the reset, it is simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Database.ConnectionString);
                await connection.OpenAsync();
                await _respawner!.ResetAsync(connection);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable && attempt < 5)
            {
                // A day partition the reset knew of was dropped (a run crossing midnight UTC: housekeeping keeps days
                // from yesterday on): read the tables again.
                _respawner = await CreateRespawnerAsync();
            }
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DropAsync();
        }
    }
}
