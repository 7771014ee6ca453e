using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Hook0.Modules.Delivery.Lifecycle;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// Group recording: the tries that finish while a record statement runs are written together by the
/// next one (one statement and one commit for many deliveries instead of one each). A delivery's slot
/// is held until its outcome is committed, so a crash re-sends at most what was in flight. When the
/// group statement fails, each try is recorded on its own, so one bad row never holds others back.
/// </summary>
internal sealed partial class AttemptRecorder : IAsyncDisposable, IDisposable
{
    private const int Writers = 2;
    private const int MaxGroup = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly AttemptLifecycle _lifecycle;
    private readonly ILogger<AttemptRecorder> _logger;
    private readonly Task[] _writers;

    public AttemptRecorder(AttemptLifecycle lifecycle, ILogger<AttemptRecorder> logger)
    {
        _lifecycle = lifecycle;
        _logger = logger;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>Takes successful tries only (failures carry health facts and outbox rows: the single statement's).</summary>
    /// <returns>False when the attempt had already been recorded by another worker.</returns>
    public Task<bool> RecordAsync(RecordedTry recordedTry)
    {
        var pending = new Pending(recordedTry);
        return _queue.Writer.TryWrite(pending) ? pending.Completion.Task : RecordOneAsync(recordedTry);
    }

    private Task<bool> RecordOneAsync(RecordedTry t)
        => _lifecycle.RecordAsync(t.Attempt, t.Outcome, AttemptVerdict.Succeeded, t.ResponseHeadersJson, CancellationToken.None);

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                var recorded = await _lifecycle.RecordSucceededAsync([.. group.Select(p => p.Try)], CancellationToken.None);
                foreach (var pending in group)
                {
                    pending.Completion.TrySetResult(recorded.Contains(pending.Try.Attempt.AttemptId));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogGroupFailed(_logger, group.Count, e);
                foreach (var pending in group)
                {
                    await RecordAloneAsync(pending);
                }
            }

            group.Clear();
        }
    }

    private async Task RecordAloneAsync(Pending pending)
    {
        try
        {
            pending.Completion.TrySetResult(await RecordOneAsync(pending.Try));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not recorded: the caller logs it and the lease expiry brings the attempt back (at least once).
            pending.Completion.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task.WaitAll(_writers, TimeSpan.FromSeconds(30));
    }

    private sealed class Pending(RecordedTry recordedTry)
    {
        public RecordedTry Try { get; } = recordedTry;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a group of {Count} tries failed; recording them one by one")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);
}
