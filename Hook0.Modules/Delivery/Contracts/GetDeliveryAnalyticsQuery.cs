using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Delivery analytics of an application (or of one of its subscriptions) over a window ending now, read
/// from the per-minute roll-up (ADR 0013). Allowed to whoever may list the application's request
/// attempts (viewers included).
/// </summary>
public sealed record GetDeliveryAnalyticsQuery(Caller Caller, Guid ApplicationId, Guid? SubscriptionId, AnalyticsWindow Window)
    : IQuery<DeliveryAnalytics>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.RequestAttemptList, ApplicationId: ApplicationId);
}

/// <summary>The windows the analytics offer, each with the width of its chart points.</summary>
public enum AnalyticsWindow
{
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,
}

public static class AnalyticsWindows
{
    public static TimeSpan Length(this AnalyticsWindow window) => window switch
    {
        AnalyticsWindow.LastHour => TimeSpan.FromHours(1),
        AnalyticsWindow.Last24Hours => TimeSpan.FromHours(24),
        AnalyticsWindow.Last7Days => TimeSpan.FromDays(7),
        AnalyticsWindow.Last30Days => TimeSpan.FromDays(30),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown analytics window."),
    };

    /// <summary>Per minute for the hour, then coarser so a chart keeps a readable number of points (60, 96, 168, 120).</summary>
    public static TimeSpan Step(this AnalyticsWindow window) => window switch
    {
        AnalyticsWindow.LastHour => TimeSpan.FromMinutes(1),
        AnalyticsWindow.Last24Hours => TimeSpan.FromMinutes(15),
        AnalyticsWindow.Last7Days => TimeSpan.FromHours(1),
        AnalyticsWindow.Last30Days => TimeSpan.FromHours(6),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown analytics window."),
    };

    public static string Label(this AnalyticsWindow window) => window switch
    {
        AnalyticsWindow.LastHour => "1 h",
        AnalyticsWindow.Last24Hours => "24 h",
        AnalyticsWindow.Last7Days => "7 d",
        AnalyticsWindow.Last30Days => "30 d",
        _ => window.ToString(),
    };
}
