using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>Subscriptions as the API shows them: secrets opened, health with its latest transitions.</summary>
internal sealed class SubscriptionViews(DeliveryDbContext db, SecretProtector protector, TimeProvider time)
{
    private const int TransitionsShown = 10;

    public async Task<SubscriptionDto> OneAsync(Subscription subscription, CancellationToken cancellationToken)
        => (await ManyAsync([subscription], cancellationToken))[0];

    public async Task<IReadOnlyList<SubscriptionDto>> ManyAsync(IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var ids = subscriptions.Select(s => s.Id).ToList();
        var transitions = (await db.HealthTransitions.AsNoTracking().Where(t => ids.Contains(t.SubscriptionId))
                .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id).Take(TransitionsShown * Math.Max(1, ids.Count)).ToListAsync(cancellationToken))
            .ToLookup(t => t.SubscriptionId);
        var now = time.UtcNowForDatabase();
        return [.. subscriptions.Select(s => s.ToDto(protector, [.. transitions[s.Id].Take(TransitionsShown)], now))];
    }
}
