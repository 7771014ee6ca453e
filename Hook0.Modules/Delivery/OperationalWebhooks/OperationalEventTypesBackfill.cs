using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hook0.Modules.Delivery.OperationalWebhooks;

/// <summary>
/// At start-up, after migrations: system applications that lack the operational event types get them —
/// those the <c>SystemApplicationPerOrganization</c> migration made for organizations created before
/// ADR 0015, or an organization whose creation stopped between its commit and its event types.
/// Two reads when nothing is missing; re-running is harmless (creating an event type is idempotent).
/// </summary>
internal sealed partial class OperationalEventTypesBackfill(IServiceScopeFactory scopes, ILogger<OperationalEventTypesBackfill> logger) : IStartupDataStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var systems = await sender.Send(new ListSystemApplicationsQuery(), cancellationToken);
            if (systems.Count == 0)
            {
                return;
            }

            var complete = (await sender.Send(new ApplicationsWithEventTypesQuery(systems, OperationalEventTypes.All), cancellationToken)).ToHashSet();
            var missing = systems.Where(a => !complete.Contains(a)).ToList();
            foreach (var application in missing)
            {
                await sender.Send(new EnsureSystemEventTypesCommand(application, OperationalEventTypes.All), cancellationToken);
            }

            if (missing.Count > 0)
            {
                LogBackfilled(logger, missing.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never fatal (a database down at start-up included): GET operational_webhooks does not
            // need the event types, subscribing to them does, and the next start completes them.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operational event types created for {Count} system application(s)")]
    private static partial void LogBackfilled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the operational event types of system applications failed; the next start retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
