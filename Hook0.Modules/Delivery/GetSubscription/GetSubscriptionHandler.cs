using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.GetSubscription;

internal sealed class GetSubscriptionHandler(DeliveryDbContext db, AccessPolicy policy, SubscriptionViews views) : IQueryHandler<GetSubscriptionQuery, SubscriptionDto>
{
    public async ValueTask<SubscriptionDto> Handle(GetSubscriptionQuery query, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.EventTypes).Include(s => s.EventTypePatterns).Include(s => s.Secrets)
            .FirstOrDefaultAsync(s => s.Id == query.SubscriptionId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        await policy.AuthorizeAsync(new Access(query.Caller, Actions.SubscriptionGet, ApplicationId: subscription.ApplicationId, Facts: [AccessFacts.SubscriptionId(query.SubscriptionId)]), cancellationToken);
        return await views.OneAsync(query.Caller, subscription, cancellationToken);
    }
}
