using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// Starts a module's hosted service only once <see cref="DatabaseReadiness"/> is open. Registration
/// order alone did not hold (housekeeping was registered before the migrator and queried a database
/// that did not exist yet), and with migrations left to another process nothing waited at all.
/// Waiting happens outside the host's start-up, so the server listens (and <c>/readyz</c> answers
/// "not ready") meanwhile. Once the gate opens, the services start one after another in registration
/// order, as the host would have started them (a module may rely on that order).
/// </summary>
internal sealed partial class AfterDatabaseReady(IHostedService inner, DatabaseReadiness readiness, GatedStartOrder order,
    IHostApplicationLifetime lifetime, ILogger<AfterDatabaseReady> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _startedOrGivenUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _starting = Task.CompletedTask;
    private volatile bool _started;

    public IHostedService Inner => inner;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The host calls StartAsync in registration order: each wrapper waits for the one before it.
        _starting = StartWhenReadyAsync(order.Append(_startedOrGivenUp.Task));
        return Task.CompletedTask;
    }

    private async Task StartWhenReadyAsync(Task previous)
    {
        try
        {
            await readiness.WaitAsync(_stopping.Token);
            await previous.WaitAsync(_stopping.Token);
            await inner.StartAsync(_stopping.Token);
            _started = true;
            _startedOrGivenUp.TrySetResult();
            if (inner is BackgroundService { ExecuteTask: { } running })
            {
                await running;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // stopped before the database was ready, or while starting: nothing to report
        }
        catch (Exception e)
        {
            // What the host does for a failed start or a BackgroundService that throws (its default,
            // StopHost): it cannot see through this wrapper, so the wrapper does it.
            LogFailed(logger, e, inner.GetType().Name);
            lifetime.StopApplication();
        }
        finally
        {
            _startedOrGivenUp.TrySetResult();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancel, never dispose (as BackgroundService does): a test host may dispose the services before stopping them.
        _stopping.Cancel();
        if (_started)
        {
            await inner.StopAsync(cancellationToken);
        }

        await _starting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Cancel();

    /// <summary>Wraps every hosted service registered from <paramref name="from"/> on, except the migrator that opens the gate.</summary>
    public static void WrapHostedServices(IServiceCollection services, int from)
    {
        for (var i = from; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService || descriptor.ImplementationType == typeof(DatabaseMigrator))
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new AfterDatabaseReady(Create(sp, descriptor),
                sp.GetRequiredService<DatabaseReadiness>(), sp.GetRequiredService<GatedStartOrder>(), sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<AfterDatabaseReady>>()));
        }
    }

    private static IHostedService Create(IServiceProvider sp, ServiceDescriptor descriptor)
        => (IHostedService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));

    [LoggerMessage(Level = LogLevel.Critical, Message = "Background service {Service} failed; stopping the server")]
    private static partial void LogFailed(ILogger logger, Exception exception, string service);
}
