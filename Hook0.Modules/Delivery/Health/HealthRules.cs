namespace Hook0.Modules.Delivery.Health;

/// <summary>
/// What the delivery records say about a subscription, as the health monitor reads it: its state and
/// when it was entered (<c>ChangedAt</c>), the first failure since the last success (<c>FailingSince</c>,
/// null while the latest delivery succeeded), the latest failure, and the latest success that ended a
/// run of failures (<c>RecoveredAt</c>).
/// </summary>
internal sealed record HealthFacts(string State, bool Enabled, DateTime? FailingSince, DateTime? LastFailedAt, DateTime? RecoveredAt, DateTime? ChangedAt);

internal sealed record HealthChange(string From, string To, string Reason);

/// <summary>
/// The health state machine, a pure function of the facts: failing is measured from the first failure
/// after the last success to the latest failure, so an endpoint is disabled only while deliveries are
/// still being tried and still failing (an idle endpoint is never disabled for lack of traffic).
/// </summary>
internal static class HealthRules
{
    public static IReadOnlyList<HealthChange> Evaluate(HealthFacts facts, TimeSpan failingAfter, TimeSpan autoDisableAfter)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!facts.Enabled)
        {
            return facts.State == HealthStates.Disabled ? [] : [new HealthChange(facts.State, HealthStates.Disabled, "disabled")];
        }

        var changes = new List<HealthChange>(2);
        var state = facts.State;
        // A success between two evaluations, even if failures followed it: the recovery happened and is told.
        if (state is HealthStates.Degraded or HealthStates.Failing && facts.RecoveredAt is { } recovered && (facts.ChangedAt is null || recovered > facts.ChangedAt))
        {
            changes.Add(new HealthChange(state, HealthStates.Healthy, "a delivery succeeded"));
            state = HealthStates.Healthy;
        }

        var (target, reason) = Target(facts, failingAfter, autoDisableAfter);
        if (target != state)
        {
            changes.Add(new HealthChange(state, target, reason));
        }

        return changes;
    }

    private static (string State, string Reason) Target(HealthFacts facts, TimeSpan failingAfter, TimeSpan autoDisableAfter)
    {
        if (facts.FailingSince is not { } since)
        {
            return (HealthStates.Healthy, "a delivery succeeded");
        }

        var span = (facts.LastFailedAt ?? since) - since;
        if (autoDisableAfter > TimeSpan.Zero && span >= autoDisableAfter)
        {
            return (HealthStates.Disabled, $"deliveries failed continuously since {since:O} ({Describe(span)}); disabled automatically after {Describe(autoDisableAfter)}");
        }

        return span >= failingAfter
            ? (HealthStates.Failing, $"no delivery succeeded since {since:O} ({Describe(span)} of failures)")
            : (HealthStates.Degraded, $"deliveries failing since {since:O}");
    }

    private static string Describe(TimeSpan span)
        => span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0.#} minutes";
}
