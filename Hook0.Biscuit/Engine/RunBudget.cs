using System.Diagnostics;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Engine;

/// <summary>Tracks the time and fact limits while rules, checks and policies run.</summary>
internal sealed class RunBudget(RunLimits limits)
{
    private readonly long _deadlineTicks = Stopwatch.GetTimestamp() + (long)(limits.MaxTime.TotalSeconds * Stopwatch.Frequency);
    private int _steps;

    public RunLimits Limits { get; } = limits;

    /// <summary>Called for every candidate binding and opcode; reads the clock only every few hundred steps.</summary>
    public void Step()
    {
        if ((++_steps & 0xFF) == 0)
        {
            CheckTime();
        }
    }

    public void CheckTime()
    {
        if (Stopwatch.GetTimestamp() >= _deadlineTicks)
        {
            throw new RunLimitException(BiscuitErrorKind.Timeout, $"authorization exceeded its time limit of {Limits.MaxTime.TotalMilliseconds} ms");
        }
    }

    public void CheckFacts(int count)
    {
        if (count >= Limits.MaxFacts)
        {
            throw new RunLimitException(BiscuitErrorKind.TooManyFacts, $"authorization reached the limit of {Limits.MaxFacts} facts");
        }
    }
}
