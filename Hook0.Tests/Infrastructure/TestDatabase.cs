using Npgsql;

namespace Hook0.Tests.Infrastructure;

/// <summary>
/// A fresh database on the PostgreSQL server the test script started (<c>HOOK0_TEST_DATABASE_URL</c>),
/// unique to this run so that runs never see each other's rows.
/// </summary>
public sealed class TestDatabase
{
    private TestDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>For hosts that must start without a database (route discovery).</summary>
    public static TestDatabase Unreachable { get; } = new("Host=127.0.0.1;Port=1;Database=none;Timeout=1");

    public static TestDatabase CreateUnique(string prefix = "hook0_tests")
    {
        var server = Environment.GetEnvironmentVariable("HOOK0_TEST_DATABASE_URL")
            ?? throw new InvalidOperationException(
                "HOOK0_TEST_DATABASE_URL is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL.");
        var builder = new NpgsqlConnectionStringBuilder(server)
        {
            Database = $"{prefix}_{Environment.ProcessId}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 20)],
            IncludeErrorDetail = true,
        };
        return new TestDatabase(builder.ConnectionString);
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates the database with nothing in it (no schema, no migrations).</summary>
    public async Task CreateEmptyAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
