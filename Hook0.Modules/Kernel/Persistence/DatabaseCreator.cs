using Npgsql;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>Creates the configured database when the server exists but the database does not yet.</summary>
public static class DatabaseCreator
{
    public static async Task EnsureExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            var database = target.Database!;
            var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException dup) when (dup.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it first (concurrent creates may also surface as a unique
            // violation on pg_database): exactly what we wanted.
            }
        }
    }
}
