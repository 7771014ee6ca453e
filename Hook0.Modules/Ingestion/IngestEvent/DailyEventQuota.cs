using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// The events-per-day quota, approximate like upstream's: today's figure comes from the per-day
/// aggregate (refreshed every minute), re-read at most every few seconds per application, so ingestion
/// never queries or locks a hot counter. With quotas off (the default) it costs one contract query per
/// application and minute.
/// The group commit asks once per group for each application of the group (<see cref="AdmitAsync"/>):
/// under that application's lock, its events are admitted in order while room is left, and what is
/// admitted is counted at once, so neither a group nor concurrent groups of this instance can go past
/// the limit between two reads of the aggregate (before, every event was compared with the same figure).
/// </summary>
internal sealed class DailyEventQuota(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan LimitsFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CountFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _loading = new();

    /// <returns>Index for index, each event's refusal (null: admitted) and whether it took room.</returns>
    public async ValueTask<QuotaAdmission> AdmitAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
    {
        var admission = new QuotaAdmission(events.Count);
        Guid? previous = null;
        List<Guid>? seen = null;
        for (var i = 0; i < events.Count; i++)
        {
            var applicationId = events[i].ApplicationId;
            if (applicationId == previous || (seen?.Contains(applicationId) ?? false))
            {
                continue;
            }

            (seen ??= []).Add(applicationId);
            previous = applicationId;
            var entry = await EntryAsync(applicationId, cancellationToken);
            if (entry.Enforced)
            {
                entry.Admit(events, i, admission);
            }
        }

        return admission;
    }

    /// <summary>Gives back the room of admitted events that were not stored (a taken id, a failed write).</summary>
    public void Release(Guid applicationId, int count)
    {
        if (count > 0 && _entries.TryGetValue(applicationId, out var entry) && entry.Enforced)
        {
            entry.Release(count);
        }
    }

    private async ValueTask<Entry> EntryAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        if (Fresh(applicationId, time.GetUtcNow(), out var entry))
        {
            return entry;
        }

        // One load at a time per application: two writers loading at once would each count into their own entry,
        // and together admit more than the room left.
        var loading = _loading.GetOrAdd(applicationId, _ => new SemaphoreSlim(1, 1));
        await loading.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (Fresh(applicationId, now, out entry))
            {
                return entry;
            }

            entry = await LoadAsync(applicationId, entry, now, cancellationToken);
            _entries[applicationId] = entry;
            return entry;
        }
        finally
        {
            loading.Release();
        }
    }

    private bool Fresh(Guid applicationId, DateTimeOffset now, [NotNullWhen(true)] out Entry? entry)
        => _entries.TryGetValue(applicationId, out entry) && entry.LimitsUntil >= now && (!entry.Enforced || entry.CountUntil >= now);

    private async Task<Entry> LoadAsync(Guid applicationId, Entry? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (enforced, limit, limitsUntil) = previous is not null && previous.LimitsUntil >= now
            ? (previous.Enforced, previous.Limit, previous.LimitsUntil)
            : await ReadLimitsAsync(scope.ServiceProvider.GetRequiredService<ISender>(), applicationId, now, cancellationToken);
        long today = 0;
        if (enforced)
        {
            var day = DateOnly.FromDateTime(now.UtcDateTime);
            today = await scope.ServiceProvider.GetRequiredService<IngestionDbContext>().EventsPerDay.AsNoTracking()
                .Where(d => d.ApplicationId == applicationId && d.Day == day)
                .SumAsync(d => (long)d.Amount, cancellationToken);
        }

        return new Entry(enforced, limit, limitsUntil, today, now + CountFor);
    }

    private static async Task<(bool, int, DateTimeOffset)> ReadLimitsAsync(ISender sender, Guid applicationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limits = await sender.Send(new GetApplicationQuotasQuery(applicationId), cancellationToken);
        return (limits?.Enforced == true, limits?.EventsPerDay ?? int.MaxValue, now + LimitsFor);
    }

    /// <summary>One application's limits and count; <see cref="_admitted"/> counts what this instance let in since the count was read.</summary>
    private sealed class Entry(bool enforced, int limit, DateTimeOffset limitsUntil, long today, DateTimeOffset countUntil)
    {
        private readonly Lock _lock = new();
        private long _admitted;

        public bool Enforced { get; } = enforced;

        public int Limit { get; } = limit;

        public DateTimeOffset LimitsUntil { get; } = limitsUntil;

        public DateTimeOffset CountUntil { get; } = countUntil;

        /// <summary>
        /// This application's events from <paramref name="from"/> on, in order, while room is left. A repeated id
        /// of the group takes no room: only its first event can be stored (the others are answered 409).
        /// </summary>
        public void Admit(IReadOnlyList<PreparedEvent> events, int from, QuotaAdmission admission)
        {
            var applicationId = events[from].ApplicationId;
            HashSet<Guid>? ids = null;
            lock (_lock)
            {
                for (var i = from; i < events.Count; i++)
                {
                    if (events[i].ApplicationId != applicationId || !(ids ??= []).Add(events[i].EventId))
                    {
                        continue;
                    }

                    if (today + _admitted < Limit)
                    {
                        _admitted++;
                        admission.Counted[i] = true;
                    }
                    else
                    {
                        admission.Refusals[i] = Problems.TooManyEventsToday.With($"{Problems.TooManyEventsToday.Detail} The limit is {Limit} events per day.");
                    }
                }
            }
        }

        public void Release(int count)
        {
            lock (_lock)
            {
                _admitted = Math.Max(0, _admitted - count);
            }
        }
    }
}

/// <summary>The quota's answer for a group: per event, its 429 refusal (null: admitted), and whether it took room.</summary>
internal sealed class QuotaAdmission(int count)
{
    public ProblemException?[] Refusals { get; } = new ProblemException?[count];

    public bool[] Counted { get; } = new bool[count];
}
