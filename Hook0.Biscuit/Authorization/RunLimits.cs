namespace Hook0.Biscuit.Authorization;

/// <summary>
/// Bounds on one authorization, so a hostile token cannot exhaust memory or time. Each exceeded
/// limit fails with its own error kind (TooManyFacts, TooManyIterations, Timeout).
/// </summary>
/// <param name="MaxFacts">Maximum number of facts in the world.</param>
/// <param name="MaxIterations">Maximum number of fixpoint rounds that produce new facts.</param>
/// <param name="MaxTime">Wall-clock budget for rules, checks and policies.</param>
public sealed record RunLimits(int MaxFacts, int MaxIterations, TimeSpan MaxTime)
{
    /// <summary>
    /// 1000 facts and 100 iterations as in the reference; 100 ms of time. The reference uses 1 ms
    /// (20 ms in its WebAssembly build); a warm authorization here takes well under 1 ms, and the
    /// wider margin keeps GC pauses or a busy host from turning a legitimate request into a Timeout.
    /// </summary>
    public static RunLimits Default { get; } = new(1000, 100, TimeSpan.FromMilliseconds(100));
}
