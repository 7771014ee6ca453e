namespace Hook0.Tests.Infrastructure;

/// <summary>
/// The one way a test waits for something that happens on another thread, process or connection (a delivery, a
/// NOTIFY, a row a worker writes): read again until the value is the awaited one or the deadline passes, and hand
/// back the last value read, so that the test's own assertion says what was seen rather than "timed out".
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // Short enough that an in-process wait ends soon after its effect; a caller polling another process picks a longer pause.
    private static readonly TimeSpan DefaultPause = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds for the value or the deadline passes; returns the last value read.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, TimeSpan? pause = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T value;
        // The last read happens after the deadline passed, so a slow effect still gets its final look.
        while (!done(value = await read()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(pause ?? DefaultPause);
        }

        return value;
    }

    /// <summary>Whether the condition came to hold before the deadline (checked once more at the end).</summary>
    public static Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, TimeSpan? pause = null)
        => ReadAsync(condition, holds => holds, timeout, pause);

    /// <summary>Whether the in-memory condition came to hold before the deadline.</summary>
    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? timeout = null, TimeSpan? pause = null)
        => HoldsAsync(() => Task.FromResult(condition()), timeout, pause);
}
