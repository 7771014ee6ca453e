using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Organizations.Quotas;

internal sealed class GetApplicationQuotasHandler(QuotaResolver resolver) : IQueryHandler<GetApplicationQuotasQuery, ApplicationQuotaLimits?>
{
    public async ValueTask<ApplicationQuotaLimits?> Handle(GetApplicationQuotasQuery query, CancellationToken cancellationToken)
        => await resolver.ForApplicationAsync(query.ApplicationId, cancellationToken) is { } limits
            ? new ApplicationQuotaLimits(limits.Enforced, limits.EventsPerDay, limits.DaysOfEventsRetention,
                limits.SubscriptionsPerApplication, limits.EventTypesPerApplication)
            : null;
}
