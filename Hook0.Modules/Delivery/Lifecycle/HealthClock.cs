namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Every lifecycle and health timestamp is taken on the database clock (<c>now()</c>), never on an instance's, so
/// instances with drifting clocks agree. The one exception is a test's clock: a <see cref="TimeProvider"/> other than
/// the system's (a fake moved by hours to age a failure run) shifts the database clock by how far it was moved since
/// this instance started, passed to the statements as <c>@skew</c>. With the system's provider the skew is exactly zero.
/// </summary>
internal sealed class HealthClock(TimeProvider time)
{
    private readonly DateTimeOffset _origin = time.GetUtcNow();

    public TimeSpan Skew => ReferenceEquals(time, TimeProvider.System) ? TimeSpan.Zero : time.GetUtcNow() - _origin;
}
