using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using Mediator;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>Checks what a subscription names outside this module: event types (Ingestion's) and workers.</summary>
internal sealed class SubscriptionReferenceChecks(ISender sender)
{
    public async Task EnsureValidAsync(SubscriptionFields fields, CancellationToken cancellationToken)
    {
        // Only exact names must exist; a pattern may match types created later.
        var exact = fields.EventTypes.Where(e => !EventTypePatterns.IsPattern(e)).ToList();
        var missing = exact.Count == 0 ? [] : await sender.Send(new FindMissingEventTypesQuery(fields.ApplicationId, exact), cancellationToken);
        if (missing.Count > 0)
        {
            throw Problems.EventTypeDoesNotExist.With($"These event types do not exist for this application: {string.Join(", ", missing)}.");
        }

        // No worker is registered on this instance (as on a fresh upstream instance), so any dedicated
        // worker name is one this organization may not use.
        if (fields.DedicatedWorkers is { Count: > 0 } workers)
        {
            throw Problems.UnauthorizedWorkers.With($"These workers are not allowed for this organization: {string.Join(", ", workers)}.");
        }
    }
}
