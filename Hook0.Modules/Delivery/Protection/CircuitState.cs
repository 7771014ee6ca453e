namespace Hook0.Modules.Delivery.Protection;

/// <summary>
/// A subscription's circuit as stored on its lane (<c>webhook.delivery_lane</c>): closed, or open until
/// <see cref="ProbeAt"/>, after which one probe may go (half-open). <see cref="Opens"/> counts the openings of the
/// current run (the first and each re-open after a failed probe): the cool-down grows with it.
/// </summary>
internal sealed record CircuitState(bool IsOpen, int ConsecutiveFailures, int Opens, DateTime? ChangedAt, DateTime? ProbeAt, string? Reason)
{
    public static CircuitState Closed { get; } = new(false, 0, 0, null, null, null);

    /// <summary>The phase shown to users: <c>closed</c>, <c>open</c> (cooling down) or <c>half_open</c> (a probe may go).</summary>
    public string Phase(DateTime now) => !IsOpen ? CircuitPhases.Closed : ProbeAt is { } probe && now >= probe ? CircuitPhases.HalfOpen : CircuitPhases.Open;
}

/// <summary>The spellings of a circuit's phase in the API and the dashboard.</summary>
internal static class CircuitPhases
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    /// <summary>The value stored in <c>delivery_lane.circuit_state</c> while open (null while closed).</summary>
    public const string Stored = "open";
}
