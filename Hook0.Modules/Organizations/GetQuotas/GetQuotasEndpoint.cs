using Hook0.Modules.Organizations.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.GetQuotas;

/// <summary><c>GET /quotas</c>: the configured global limits, reported even while enforcement is off.</summary>
internal static class GetQuotasEndpoint
{
    public static void MapGetQuotas(this IEndpointRouteBuilder api)
        => api.MapGet("/quotas", (IOptions<QuotaOptions> options) =>
        {
            var q = options.Value;
            return TypedResults.Ok(new QuotasResponse(q.Enabled, new QuotaLimits(
                q.MembersPerOrganization, q.ApplicationsPerOrganization, q.EventsPerDay,
                q.DaysOfEventsRetention, q.SubscriptionsPerApplication, q.EventTypesPerApplication)));
        }).AllowAnonymous().WithTags("Instance")
            .WithName("quotas.get");

    internal sealed record QuotasResponse(bool Enabled, QuotaLimits Limits);

    internal sealed record QuotaLimits(
        int GlobalMembersPerOrganizationLimit,
        int GlobalApplicationsPerOrganizationLimit,
        int GlobalEventsPerDayLimit,
        int GlobalDaysOfEventsRetentionLimit,
        int GlobalSubscriptionsPerApplicationLimit,
        int GlobalEventTypesPerApplicationLimit);
}
