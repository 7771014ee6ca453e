using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// Subscriptions as the API shows them: health with its latest transitions, and the signing secrets
/// opened only for a caller who may edit the subscription (viewers get none). Every reveal is logged:
/// who and which subscription, never the secret.
/// </summary>
internal sealed partial class SubscriptionViews(DeliveryDbContext db, SecretProtector protector, AccessPolicy policy, TimeProvider time,
    AuditTrail audit, ILogger<SubscriptionViews> logger)
{
    private const int TransitionsShown = 10;

    public async Task<SubscriptionDto> OneAsync(Caller caller, Subscription subscription, CancellationToken cancellationToken)
        => (await ManyAsync(caller, [subscription], cancellationToken))[0];

    /// <remarks>The subscriptions belong to one application (the API lists and shows them per application).</remarks>
    public async Task<IReadOnlyList<SubscriptionDto>> ManyAsync(Caller caller, IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        if (subscriptions.Count == 0)
        {
            return [];
        }

        var ids = subscriptions.Select(s => s.Id).ToList();
        var transitions = (await db.HealthTransitions.AsNoTracking().Where(t => ids.Contains(t.SubscriptionId))
                .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id).Take(TransitionsShown * Math.Max(1, ids.Count)).ToListAsync(cancellationToken))
            .ToLookup(t => t.SubscriptionId);
        var lanes = await db.Lanes.AsNoTracking().Where(l => ids.Contains(l.SubscriptionId)).ToDictionaryAsync(l => l.SubscriptionId, cancellationToken);
        var now = time.UtcNowForDatabase();
        // Who may edit a subscription may see its secret (editors, the master key, the application's
        // own secret, tokens allowed to edit): the same verdict the edit route would give.
        var reveal = await policy.AllowsAsync(new Access(caller, Actions.SubscriptionEdit, ApplicationId: subscriptions[0].ApplicationId), cancellationToken);
        if (reveal)
        {
            foreach (var subscription in subscriptions)
            {
                LogRevealed(logger, subscription.Id, caller.Kind, caller.UserId, caller.RateLimitKey);
            }

            // One record per answer that shows secrets (a list shows many): which subscriptions, never the secret.
            await audit.RecordAloneAsync(new AuditChange(null, "subscription", subscriptions.Count == 1 ? subscriptions[0].Id : null, "reveal_secret")
            {
                ApplicationId = subscriptions[0].ApplicationId,
                Caller = caller,
                Details = subscriptions.Count == 1 ? null : new Dictionary<string, object?> { ["subscription_ids"] = ids.Take(100).ToList(), ["count"] = ids.Count },
            }, cancellationToken);
        }

        return [.. subscriptions.Select(s => s.ToDto(reveal ? protector : null, [.. transitions[s.Id].Take(TransitionsShown)], now, lanes.GetValueOrDefault(s.Id)))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing secret of subscription {SubscriptionId} revealed to {CallerKind} (user {UserId}, credential {Credential})")]
    private static partial void LogRevealed(ILogger logger, Guid subscriptionId, CallerKind callerKind, Guid? userId, string? credential);
}
