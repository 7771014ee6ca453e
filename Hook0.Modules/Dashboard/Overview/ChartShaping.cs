using System.Globalization;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Dashboard.Overview;

/// <summary>Turns the modules' figures into what the charts and tables show (pure, so tests read it directly).</summary>
public static class ChartShaping
{
    /// <summary>A point per day from <paramref name="from"/> to <paramref name="to"/> (days without events are 0), summed over applications.</summary>
    public static (string[] Labels, double[] Values) EventsPerDay(IEnumerable<EventsPerDayEntry> entries, DateOnly from, DateOnly to)
    {
        var byDay = entries.GroupBy(e => e.Date).ToDictionary(g => g.Key, g => g.Sum(e => (double)e.Amount));
        var days = Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(from.AddDays).ToList();
        return ([.. days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture))], [.. days.Select(d => byDay.GetValueOrDefault(d))]);
    }

    /// <summary>Labels for the deliveries chart: time of day for short steps, day and hour for long ones; about 12 shown, the rest blank.</summary>
    public static string[] TimeLabels(IReadOnlyList<DeliveryPoint> series, TimeSpan step)
    {
        var format = step >= TimeSpan.FromHours(1) ? "MM-dd HH:mm" : "HH:mm";
        var every = Math.Max(1, (int)Math.Ceiling(series.Count / 12.0));
        return [.. series.Select((p, i) => i % every == 0 ? p.At.ToLocalTime().ToString(format, CultureInfo.InvariantCulture) : "")];
    }

    public static (double[] Succeeded, double[] Failed) Deliveries(IReadOnlyList<DeliveryPoint> series)
        => ([.. series.Select(p => (double)p.Succeeded)], [.. series.Select(p => (double)p.Failed)]);

    /// <summary>Classes that occurred, largest first (a donut of zeros draws nothing).</summary>
    public static IReadOnlyList<ClassCount> NonZero(IEnumerable<ClassCount> classes)
        => [.. classes.Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Milliseconds(double? ms) => ms switch
    {
        null => "—",
        >= 10_000 => (ms.Value / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => ms.Value.ToString("0", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Step(TimeSpan step) => step.TotalMinutes switch
    {
        1 => "minute",
        < 60 => $"{step.TotalMinutes:0} minutes",
        60 => "hour",
        _ => $"{step.TotalHours:0} hours",
    };

    /// <summary>Joins the subscriptions (with their health) to their deliveries in the window; every subscription appears, busiest first.</summary>
    public static IReadOnlyList<SubscriptionHealthLine> HealthLines(IEnumerable<SubscriptionDto> subscriptions, IEnumerable<SubscriptionDeliveries> deliveries)
    {
        var byId = deliveries.ToDictionary(d => d.SubscriptionId);
        return [.. subscriptions
            .Select(s =>
            {
                var d = byId.GetValueOrDefault(s.SubscriptionId);
                return new SubscriptionHealthLine(s.SubscriptionId, string.IsNullOrWhiteSpace(s.Description) ? s.Target.Url : s.Description!, s.Target.Url,
                    s.Health.State, s.Health.Reason, s.IsEnabled, d?.Succeeded ?? 0, d?.Failed ?? 0, d?.SuccessRate, d?.MeanLatencyMs);
            })
            .OrderByDescending(l => l.Succeeded + l.Failed).ThenBy(l => l.Name, StringComparer.Ordinal)];
    }

    /// <summary>Organization quotas; a limit of 0 or less reads as unlimited.</summary>
    public static IReadOnlyList<QuotaLine> Quotas(OrganizationInfo organization) =>
    [
        new("members", "Members", organization.Consumption.Members, Limit(organization.Quotas.MembersPerOrganizationLimit)),
        new("applications", "Applications", organization.Consumption.Applications, Limit(organization.Quotas.ApplicationsPerOrganizationLimit)),
        new("events-per-day", "Events today", organization.Consumption.EventsPerDay, Limit(organization.Quotas.EventsPerDayLimit)),
    ];

    /// <summary>Application quotas: events today (Organizations' figure), subscriptions and event types against their limits.</summary>
    public static IReadOnlyList<QuotaLine> Quotas(ApplicationInfo application, ApplicationQuotaLimits? limits, int subscriptions, int eventTypes) =>
    [
        new("events-per-day", "Events today", application.Consumption.EventsPerDay, Limit(application.Quotas.EventsPerDayLimit)),
        new("subscriptions", "Subscriptions", subscriptions, limits is { Enforced: true } ? Limit(limits.SubscriptionsPerApplication) : null),
        new("event-types", "Event types", eventTypes, limits is { Enforced: true } ? Limit(limits.EventTypesPerApplication) : null),
    ];

    private static long? Limit(int limit) => limit is > 0 and < int.MaxValue ? limit : null;

    /// <summary>A quota as people read it: "unlimited" for none (0 or less) and for the int.MaxValue upstream stores for none.</summary>
    public static string LimitText(int limit, string? unit = null)
        => Limit(limit) is { } l ? l.ToString("N0", CultureInfo.InvariantCulture) + (unit is null ? "" : " " + unit) : "unlimited";
}
