using Hook0.Modules.Kernel.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// Applies every module's migrations before anything else starts (hosted services start in
/// registration order and this one finishes in StartAsync). An advisory lock makes instances that
/// start together take turns instead of racing on the same DDL.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    IEnumerable<MigrationTarget> targets,
    IOptions<ServerOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Arbitrary, fixed: "hook0" in ASCII, shared by every instance of this server.
    private const long AdvisoryLockKey = 0x686F6F6B30;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.NoAutoDbMigration)
        {
            LogSkipped(logger);
            return;
        }

        await DatabaseCreator.EnsureExistsAsync(dataSource.ConnectionString, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            foreach (var target in targets)
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = (DbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
                // Creating the history table first keeps EF from logging a failed query against a
                // table that does not exist yet on every fresh database.
                await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                await context.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, target.Schema, pending);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema}: {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string schema, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "NO_AUTO_DB_MIGRATION is set: migrations skipped")]
    private static partial void LogSkipped(ILogger logger);
}
