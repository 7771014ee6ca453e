using Hook0.Modules.Kernel.Periodic;
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
/// Applies every module's migrations, runs the modules' <see cref="IStartupDataStep"/>s, then opens
/// <see cref="DatabaseReadiness"/>. An advisory lock
/// makes instances that start together take turns instead of racing on the same DDL. With
/// <c>NO_AUTO_DB_MIGRATION</c> it applies nothing and opens the gate once the applied migrations equal
/// the compiled ones (another process migrates), checking again every <see cref="PollInterval"/>.
/// Either way it first reads the database's <see cref="SchemaGeneration"/>: on a database a newer version has
/// migrated past what this build can use, it refuses to start (one critical line, exit code
/// <see cref="SchemaGeneration.RefusedExitCode"/>) and never opens the gate, so no instance of an older version
/// serves or delivers against a schema it does not know.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    IEnumerable<MigrationTarget> targets,
    IEnumerable<IStartupDataStep> steps,
    IOptions<ServerOptions> options,
    DatabaseReadiness readiness,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseMigrator> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _waiting = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.NoAutoDbMigration)
        {
            // Checked once before the server listens, so an up-to-date database serves from the first request.
            if (await NewerGenerationAsync(cancellationToken))
            {
                return;
            }

            if (await SchemaIsCurrentAsync(cancellationToken))
            {
                await OpenAsync(cancellationToken);
                return;
            }

            LogWaiting(logger);
            _waiting = WaitForMigrationsAsync(_stopping.Token);
            return;
        }

        if (await MigrateAsync(cancellationToken))
        {
            await OpenAsync(cancellationToken);
        }
    }

    /// <summary>The data steps, then the gate. Outside the advisory lock: each step is safe to run concurrently.</summary>
    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await step.RunAsync(cancellationToken);
        }

        readiness.Open();
    }

    private async Task WaitForMigrationsAsync(CancellationToken stopping)
    {
        try
        {
            while (!await SchemaIsCurrentAsync(stopping))
            {
                // The process migrating may be of a newer version than this one.
                if (await NewerGenerationAsync(stopping))
                {
                    return;
                }

                await Task.Delay(PollInterval, stopping);
            }

            await OpenAsync(stopping);
            LogReady(logger);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the server stops before anyone migrated
        }
    }

    /// <summary>Every module's applied migrations are exactly the compiled ones (none missing, none unknown to this build).</summary>
    private async Task<bool> SchemaIsCurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Plain SQL, not EF: EF logs an error for a database or a history table that does not exist
            // (yet), and waiting for them is the normal case here, not a failure.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            foreach (var target in targets)
            {
                var history = $"\"{target.Schema}\".\"{HistoryRepository.DefaultTableName}\"";
                await using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection) { Parameters = { new() { Value = history } } };
                if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    return false;
                }

                var applied = new HashSet<string>(StringComparer.Ordinal);
                await using (var read = new NpgsqlCommand($"SELECT migration_id FROM {history}", connection))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        applied.Add(reader.GetString(0));
                    }
                }

                await using var scope = scopes.CreateAsyncScope();
                var compiled = ((DbContext)scope.ServiceProvider.GetRequiredService(target.ContextType)).Database.GetMigrations();
                if (!applied.SetEquals(compiled))
                {
                    return false;
                }
            }

            return true;
        }
        catch (NpgsqlException)
        {
            return false; // not reachable, or the database does not exist yet
        }
    }

    /// <summary>Migrates every module, unless the database is of a newer generation (then refuses, and answers false).</summary>
    private async Task<bool> MigrateAsync(CancellationToken cancellationToken)
    {
        await DatabaseCreator.EnsureExistsAsync(dataSource.ConnectionString, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLocks.Migrator})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // Read under the lock: a newer instance migrating right now holds it, and has raised the generation
            // by the time this one gets its turn.
            if (await NewerGenerationAsync(connection, cancellationToken))
            {
                return false;
            }

            foreach (var target in targets)
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = (DbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
                // Creating the history table first keeps EF from logging a failed query against a
                // table that does not exist yet on every fresh database.
                await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                // No command timeout: a migration that moves data (wave one's attempts into the second design's
                // tables, ADR 0016) takes one to two minutes per million attempts, and stopping it half-way only rolls
                // it back. The gate stays closed meanwhile; the advisory lock keeps the other instances waiting.
                context.Database.SetCommandTimeout(TimeSpan.Zero);
                await context.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, target.Schema, pending);
            }

            return true;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLocks.Migrator})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<bool> NewerGenerationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await NewerGenerationAsync(connection, cancellationToken);
        }
        catch (NpgsqlException)
        {
            return false; // not reachable or not created yet: nothing newer than this build can be there
        }
    }

    /// <summary>True, after logging the refusal and asking the host to stop with a non-zero exit code, on a newer database.</summary>
    private async Task<bool> NewerGenerationAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var generation = await SchemaGeneration.ReadAsync(connection, cancellationToken);
        if (generation <= SchemaGeneration.Compiled)
        {
            return false;
        }

        LogNewerGeneration(logger, generation, SchemaGeneration.Compiled, SchemaGeneration.RefusedExitCode);
        Environment.ExitCode = SchemaGeneration.RefusedExitCode;
        // Once started, not during start: stopping the host while it starts cancels the server's bind, which the host
        // reports as a crash (exit code 134). The gate stays closed meanwhile, so nothing is served.
        lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        return true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancel, never dispose (as BackgroundService does): a test host may dispose the services before stopping them.
        _stopping.Cancel();
        await _waiting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Cancel();

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema}: {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string schema, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "NO_AUTO_DB_MIGRATION is set and the database is not at this version's migrations yet: waiting for them (requests answer 503, /readyz is not ready)")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: the database is at schema generation {Database}, newer than this version's {Compiled} " +
        "(a newer Hook0 has migrated it, and this version would fail on what it changed). Run the newer version, or restore the backup taken before its upgrade. Exit code {ExitCode}")]
    private static partial void LogNewerGeneration(ILogger logger, int database, int compiled, int exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is at this version's migrations: starting")]
    private static partial void LogReady(ILogger logger);
}
