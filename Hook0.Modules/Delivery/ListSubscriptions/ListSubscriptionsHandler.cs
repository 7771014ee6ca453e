using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Subscriptions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.ListSubscriptions;

internal sealed class ListSubscriptionsHandler(DeliveryDbContext db, SubscriptionViews views) : IQueryHandler<ListSubscriptionsQuery, IReadOnlyList<SubscriptionDto>>
{
    public async ValueTask<IReadOnlyList<SubscriptionDto>> Handle(ListSubscriptionsQuery query, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .Where(s => s.ApplicationId == query.ApplicationId && s.DeletedAt == null)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return await views.ManyAsync(query.Caller, subscriptions, cancellationToken);
    }
}
