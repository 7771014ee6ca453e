namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Every lifecycle and health timestamp is taken on the database clock (<c>now()</c>), never on an instance's, so
/// instances with drifting clocks agree. The one exception is a test's clock: a <see cref="TimeProvider"/> other than
/// the system's (a fake moved by hours to age a failure run) shifts the database clock by its offset from real time,
/// passed to the statements as <c>@skew</c>. In production the provider is the system's and the skew is exactly zero.
/// </summary>
internal static class HealthClock
{
    public static TimeSpan Skew(TimeProvider time)
        => ReferenceEquals(time, TimeProvider.System) ? TimeSpan.Zero : time.GetUtcNow() - DateTimeOffset.UtcNow;
}
