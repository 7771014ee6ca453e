using System.Collections.Concurrent;

namespace Hook0.Tests.FaultInjection;

/// <summary>The fuzzer's counts (thread-safe: the concurrent phases share it) and its first findings.</summary>
internal sealed class FuzzTally
{
    private const int KeptPerCategory = 3;
    private readonly ConcurrentDictionary<int, int> _byClass = new();
    private readonly ConcurrentDictionary<string, int> _categories = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private int _sent, _failureCount, _closedEarly, _noAnswer, _slow, _changed;
    private long _slowestTicks;
    private string _slowest = "";

    public int Sent => _sent;

    public int ServerErrors => _byClass.GetValueOrDefault(5);

    public int Refused => _byClass.GetValueOrDefault(4) + _byClass.GetValueOrDefault(3) + _closedEarly;

    public int SlowAtConcurrencyOne => _slow;

    public int ChangedByRefusals => _changed;

    public int FailureCount => _failureCount;

    public IReadOnlyCollection<string> Failures => [.. _failures];

    public void Sending() => Interlocked.Increment(ref _sent);

    public void Answered(int status) => _byClass.AddOrUpdate(status / 100, 1, (_, n) => n + 1);

    public void ClosedEarly() => Interlocked.Increment(ref _closedEarly);

    public void ChangedByRefusal() => Interlocked.Increment(ref _changed);

    public void RawSocket(IEnumerable<int> statuses)
    {
        foreach (var status in statuses)
        {
            Answered(status);
            if (status >= 500)
            {
                Fail($"{status} raw socket", "a malformed request line or header");
            }
        }
    }

    /// <summary>Records a finding under its category (what went wrong, where); keeps the first few examples of each.</summary>
    public void Fail(string category, string example)
    {
        Interlocked.Increment(ref _failureCount);
        if (_categories.AddOrUpdate(category, 1, (_, n) => n + 1) <= KeptPerCategory)
        {
            _failures.Enqueue($"{category}: {example}");
        }
    }

    /// <summary>Findings by category, most frequent first (quoted in the report).</summary>
    public string Categories() => string.Join("; ", _categories.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} x{kv.Value}"));

    public void NoAnswerInTime(FuzzRequest request, TimeSpan elapsed, bool sequential)
    {
        Interlocked.Increment(ref _noAnswer);
        if (sequential)
        {
            Interlocked.Increment(ref _slow);
        }

        Fail($"no answer in time{(sequential ? " (1 s, concurrency 1)" : " (60 s)")} [{request.Kind}] {request.Method} {FuzzRequest.Shape(request.Path)}",
            $"{elapsed.TotalSeconds:F1} s: {request.Describe()}");
    }

    /// <summary>Answers at concurrency 1 over the limit were already cancelled; this keeps the slowest one that did answer.</summary>
    public void RecordSequential(FuzzRequest request, TimeSpan elapsed)
    {
        lock (_byClass)
        {
            if (elapsed.Ticks > _slowestTicks)
            {
                _slowestTicks = elapsed.Ticks;
                _slowest = $"{request.Kind} {request.Method} {request.Path.Split('?')[0]}";
            }
        }
    }

    public string Summary()
        => $"2xx={_byClass.GetValueOrDefault(2)} 3xx={_byClass.GetValueOrDefault(3)} 4xx={_byClass.GetValueOrDefault(4)} 5xx={ServerErrors} " +
            $"closed_early={_closedEarly} no_answer_in_time={_noAnswer} slowest_c1_ms={TimeSpan.FromTicks(_slowestTicks).TotalMilliseconds:F0} ({_slowest}) " +
            $"changed_by_refusal={_changed} findings={_failureCount}";
}
