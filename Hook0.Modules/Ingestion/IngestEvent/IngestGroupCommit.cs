using Hook0.Modules.Kernel.Live;
using System.Threading.Channels;
using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Group commit: concurrent ingest requests share transactions. A few writers (INGEST_WRITERS) each
/// take every request waiting when they start (up to INGEST_GROUP_MAX_EVENTS events), store all their
/// events in one statement, create all their attempts in one statement (the Delivery contract, in the
/// same transaction) and commit once; only then is each request answered. An idle server writes a lone
/// request at once, so batching adds no latency: groups grow only while the writers are busy.
/// A request is answered 201 only once its event and attempts are durably committed; a failure fails
/// every request of the group (a data error is retried one request at a time, so one request's bad
/// data never refuses another's). The daily quota is checked here, once per group for each of its
/// applications (<see cref="DailyEventQuota.AdmitAsync"/>): an event over the limit is answered 429 and
/// the rest of the group is written.
/// </summary>
internal sealed partial class IngestGroupCommit : IAsyncDisposable, IDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly IServiceScopeFactory _scopes;
    private readonly DailyEventQuota _quota;
    private readonly ILogger<IngestGroupCommit> _logger;
    private readonly int _maxEvents;
    private readonly Task[] _writers;

    public IngestGroupCommit(IServiceScopeFactory scopes, DailyEventQuota quota, IOptions<IngestOptions> options, ILogger<IngestGroupCommit> logger)
    {
        _scopes = scopes;
        _quota = quota;
        _logger = logger;
        _maxEvents = options.Value.GroupMaxEvents;
        _writers = [.. Enumerable.Range(0, options.Value.Writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <returns>One outcome per event, in order.</returns>
    public async Task<IReadOnlyList<StoreOutcome>> StoreAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
    {
        var pending = new Pending(events);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw Problems.ServiceUnavailable.ToException(); // shutting down
        }

        // A client that goes away stops waiting; its events may still be stored (it was never told 201).
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var group = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            var count = 0;
            while (count < _maxEvents && reader.TryRead(out var next))
            {
                group.Add(next);
                count += next.Events.Count;
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync(group);
                group.Clear();
            }
        }
    }

    private async Task WriteGroupAsync(List<Pending> group)
    {
        PreparedEvent[] events = [.. group.SelectMany(p => p.Events)];
        QuotaAdmission admission;
        try
        {
            admission = await _quota.AdmitAsync(events, CancellationToken.None);
        }
        catch (Exception e)
        {
            Fail(group, e); // the quota's limits could not be read: nothing is written
            return;
        }

        try
        {
            var stored = await WriteAdmittedAsync(events, admission, 0, events.Length);
            var offset = 0;
            foreach (var pending in group)
            {
                pending.Completion.TrySetResult(stored[offset..(offset + pending.Events.Count)]);
                offset += pending.Events.Count;
            }
        }
        catch (Exception e) when (group.Count > 1 && e is PostgresException && !TransientFailures.IsTransientDatabaseFailure(e))
        {
            // The server refused the group's data (and rolled it back): find whose, one request at a time.
            LogGroupRefused(_logger, group.Count, e);
            var offset = 0;
            foreach (var pending in group)
            {
                try
                {
                    pending.Completion.TrySetResult(await WriteAdmittedAsync(events, admission, offset, pending.Events.Count));
                }
                catch (Exception single)
                {
                    ReleaseAdmitted(events, admission, offset, pending.Events.Count);
                    pending.Completion.TrySetException(single);
                }

                offset += pending.Events.Count;
            }
        }
        catch (Exception e)
        {
            ReleaseAdmitted(events, admission, 0, events.Length);
            Fail(group, e);
        }
    }

    /// <summary>Writes the admitted events of <c>events[from..from+count]</c>; the quota's refusals are answered as they are.</summary>
    private async Task<StoreOutcome[]> WriteAdmittedAsync(PreparedEvent[] events, QuotaAdmission admission, int from, int count)
    {
        var admitted = new List<PreparedEvent>(count);
        for (var i = from; i < from + count; i++)
        {
            if (admission.Refusals[i] is null)
            {
                admitted.Add(events[i]);
            }
        }

        var written = admitted.Count == 0 ? [] : await WriteAsync(admitted);
        var outcomes = new StoreOutcome[count];
        for (int i = from, j = 0; i < from + count; i++)
        {
            if (admission.Refusals[i] is { } refusal)
            {
                outcomes[i - from] = new StoreOutcome(null, refusal);
            }
            else if (written[j++] is { } stored)
            {
                outcomes[i - from] = new StoreOutcome(stored, null);
            }
            else
            {
                if (admission.Counted[i])
                {
                    _quota.Release(events[i].ApplicationId, 1); // its id was taken: it used no room
                }

                outcomes[i - from] = StoreOutcome.AlreadyIngested;
            }
        }

        return outcomes;
    }

    private void ReleaseAdmitted(PreparedEvent[] events, QuotaAdmission admission, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            if (admission.Counted[i])
            {
                _quota.Release(events[i].ApplicationId, 1);
            }
        }
    }

    private static void Fail(List<Pending> group, Exception e)
    {
        // Not stored (or not known to be): nobody is told 201; the answers are 503 or 500.
        foreach (var pending in group)
        {
            pending.Completion.TrySetException(e);
        }
    }

    private async Task<IngestedEventDto?[]> WriteAsync(List<PreparedEvent> events)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var transaction = scope.ServiceProvider.GetRequiredService<SharedTransaction>();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await transaction.BeginAsync(CancellationToken.None);
        var received = await EventInsertSql.ExecuteAsync(transaction.Connection, transaction.Transaction, events, CancellationToken.None);
        var results = new IngestedEventDto?[events.Count];
        var dispatched = new List<DispatchedEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (received[i] is { } at)
            {
                var e = events[i];
                results[i] = new IngestedEventDto(e.ApplicationId, e.EventId, at);
                dispatched.Add(new DispatchedEvent(e.EventId, e.ApplicationId, e.EventType, e.LabelsJson, at));
            }
        }

        await sender.Send(new DispatchEventsCommand(dispatched), CancellationToken.None);
        transaction.AfterCommit(() =>
        {
            var live = scope.ServiceProvider.GetRequiredService<ILiveUpdates>();
            foreach (var applicationId in dispatched.Select(d => d.ApplicationId).Distinct())
            {
                live.Publish(applicationId, LiveTopic.Events);
            }
        });
        await transaction.CommitAsync(CancellationToken.None);
        Hook0Metrics.EventsIngested.Add(dispatched.Count);
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still waiting are written before the process ends.
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task.WaitAll(_writers, TimeSpan.FromSeconds(30));
    }

    private sealed class Pending(IReadOnlyList<PreparedEvent> events)
    {
        public IReadOnlyList<PreparedEvent> Events { get; } = events;

        public TaskCompletionSource<IReadOnlyList<StoreOutcome>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ingest group of {Count} requests was refused by the database; writing its requests one by one")]
    private static partial void LogGroupRefused(ILogger logger, int count, Exception exception);
}
