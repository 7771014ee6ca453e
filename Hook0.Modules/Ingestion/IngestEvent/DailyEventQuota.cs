using System.Collections.Concurrent;
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
/// </summary>
internal sealed class DailyEventQuota(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan LimitsFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CountFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    public async ValueTask EnsureRoomAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(applicationId, out var entry) || entry.LimitsUntil < now || (entry.Enforced && entry.CountUntil < now))
        {
            entry = await LoadAsync(applicationId, entry, now, cancellationToken);
            _entries[applicationId] = entry;
        }

        if (entry.Enforced && entry.Today >= entry.Limit)
        {
            throw Problems.TooManyEventsToday.With($"{Problems.TooManyEventsToday.Detail} The limit is {entry.Limit} events per day.");
        }
    }

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

    private sealed record Entry(bool Enforced, int Limit, DateTimeOffset LimitsUntil, long Today, DateTimeOffset CountUntil);
}
