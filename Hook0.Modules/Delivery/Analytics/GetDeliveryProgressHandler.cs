using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Analytics;

internal sealed class GetDeliveryProgressHandler(DeliveryDbContext db, ISender sender) : IQueryHandler<GetDeliveryProgressQuery, DeliveryProgress>
{
    public async ValueTask<DeliveryProgress> Handle(GetDeliveryProgressQuery query, CancellationToken cancellationToken)
    {
        if (query.OrganizationId is null && query.ApplicationId is null)
        {
            return new DeliveryProgress(null); // nothing asked about
        }

        List<Guid> ids = query.ApplicationId is { } app
            ? [app]
            : [.. (await sender.Send(new GetApplicationNamesQuery(query.OrganizationId, null), cancellationToken)).Select(a => a.ApplicationId)];
        var first = await db.DeliveryStats.AsNoTracking()
            .Where(s => ids.Contains(s.ApplicationId) && s.Succeeded > 0)
            .MinAsync(s => (DateTime?)s.Minute, cancellationToken);
        return new DeliveryProgress(first);
    }
}
