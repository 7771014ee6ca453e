using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Settings;

namespace Hook0.Modules.Organizations.Quotas;

/// <summary>
/// Every quota limit of an organization (and, when given, one of its applications) with upstream's
/// override order: the application's own column, then the plan, then the global setting; retention
/// takes the smaller of the application's and the plan's. Unlimited when enforcement is off.
/// </summary>
internal sealed record EffectiveLimits(
    bool Enforced,
    int MembersPerOrganization,
    int ApplicationsPerOrganization,
    int EventsPerDay,
    int DaysOfEventsRetention,
    int SubscriptionsPerApplication,
    int EventTypesPerApplication)
{
    public static EffectiveLimits Of(QuotaOptions q, Plan? plan, HookApplication? application = null)
    {
        int? retention = (application?.DaysOfEventsRetentionLimit, plan?.DaysOfEventsRetentionLimit) switch
        {
            ({ } a, { } p) => Math.Min(a, p),
            ({ } a, null) => a,
            (null, var p) => p,
        };
        return new EffectiveLimits(
            q.Enabled,
            q.Effective(plan?.MembersPerOrganizationLimit ?? q.MembersPerOrganization),
            q.Effective(plan?.ApplicationsPerOrganizationLimit ?? q.ApplicationsPerOrganization),
            q.Effective(application?.EventsPerDayLimit ?? plan?.EventsPerDayLimit ?? q.EventsPerDay),
            q.Effective(retention ?? q.DaysOfEventsRetention),
            q.Effective(plan?.SubscriptionsPerApplicationLimit ?? q.SubscriptionsPerApplication),
            q.Effective(plan?.EventTypesPerApplicationLimit ?? q.EventTypesPerApplication));
    }
}
