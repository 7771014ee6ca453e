using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Usage;

internal sealed class GetSubscriptionUsageHandler(DeliveryDbContext db) : IQueryHandler<GetSubscriptionUsageQuery, bool>
{
    public async ValueTask<bool> Handle(GetSubscriptionUsageQuery query, CancellationToken cancellationToken)
        => await db.Subscriptions.AsNoTracking()
            .AnyAsync(s => query.ApplicationIds.Contains(s.ApplicationId) && s.DeletedAt == null, cancellationToken);
}
