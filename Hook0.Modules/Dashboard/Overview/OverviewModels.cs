namespace Hook0.Modules.Dashboard.Overview;

/// <summary>One quota line: what is used against its limit (null: unlimited).</summary>
public sealed record QuotaLine(string Key, string Label, long Used, long? Limit)
{
    /// <summary>Share of the limit used, 0–100 (0 when unlimited).</summary>
    public double Percent => Limit is > 0 and var l ? Math.Min(100, 100.0 * Used / l) : 0;
}

/// <summary>One onboarding step, ticked from real data, linking to where it is done.</summary>
public sealed record OnboardingStep(string Key, string Label, bool Done, string Href, string Hint);

/// <summary>A subscription's line in the health table: its health state and its deliveries in the window.</summary>
public sealed record SubscriptionHealthLine(Guid SubscriptionId, string Name, string Url, string State, string? Reason, bool IsEnabled,
    long Succeeded, long Failed, double? SuccessRate, double? MeanLatencyMs);
