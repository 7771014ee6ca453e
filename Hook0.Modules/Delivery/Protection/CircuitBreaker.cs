namespace Hook0.Modules.Delivery.Protection;

/// <summary>What a transition of the circuit tells (an operational event for the first two).</summary>
internal enum CircuitChange
{
    None,
    Opened,
    Closed,
}

/// <summary>
/// The circuit breaker's rules, pure (the clock is a parameter; the lane row holds the state, see
/// <c>LaneFeedbackSql</c>). Closed: each recorded failure counts, a success resets the count; at the threshold the
/// circuit opens for a cool-down. Open: nothing is claimed until the cool-down ends; then one probe goes (half-open).
/// The probe's success closes the circuit; its failure re-opens it for a cool-down twice as long, up to the cap.
/// </summary>
internal static class CircuitBreaker
{
    /// <summary>The threshold a subscription gets when it sets none.</summary>
    public const int DefaultThreshold = 10;

    public const int MinThreshold = 1;
    public const int MaxThreshold = 1_000;

    /// <summary>Cool-down of the <paramref name="opens"/>-th opening of a run: the base, doubled per re-open, capped.</summary>
    public static TimeSpan Cooldown(int opens, TimeSpan first, TimeSpan cap)
    {
        // 2^20 times any sane base is past any sane cap: stop doubling there (no overflow).
        var factor = Math.Pow(2, Math.Clamp(opens - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, cap.Ticks));
    }

    /// <summary>A failed try was recorded.</summary>
    public static (CircuitState State, CircuitChange Change) OnFailure(CircuitState s, DateTime now, int threshold, string reason, TimeSpan first, TimeSpan cap)
    {
        var failures = s.ConsecutiveFailures + 1;
        if (s.IsOpen)
        {
            // Before the probe time the failure is a try sent before the circuit opened: it counts, it does not extend
            // the cool-down. After it, it is the probe's: the circuit re-opens for longer.
            if (s.ProbeAt is { } probe && now < probe)
            {
                return (s with { ConsecutiveFailures = failures }, CircuitChange.None);
            }

            var opens = s.Opens + 1;
            return (s with { ConsecutiveFailures = failures, Opens = opens, ChangedAt = now, ProbeAt = now + Cooldown(opens, first, cap), Reason = reason },
                CircuitChange.None);
        }

        if (failures < threshold)
        {
            return (s with { ConsecutiveFailures = failures }, CircuitChange.None);
        }

        return (new CircuitState(true, failures, 1, now, now + Cooldown(1, first, cap), reason), CircuitChange.Opened);
    }

    /// <summary>A successful try was recorded: a closed circuit forgets its failures, an open one closes.</summary>
    public static (CircuitState State, CircuitChange Change) OnSuccess(CircuitState s, DateTime now)
        => s.IsOpen
            ? (CircuitState.Closed with { ChangedAt = now }, CircuitChange.Closed)
            : (s with { ConsecutiveFailures = 0 }, CircuitChange.None);

    /// <summary>How many tries may be in flight now (null: the circuit does not limit).</summary>
    public static int? Allowed(CircuitState s, DateTime now) => s.Phase(now) switch
    {
        CircuitPhases.Open => 0,
        CircuitPhases.HalfOpen => 1,
        _ => null,
    };
}
