using Hook0.Modules.Ingestion.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Ingestion.CountEventsPerDay;

/// <summary>
/// Keeps the per-day aggregate current: every period (upstream's MATERIALIZED_VIEWS_REFRESH_PERIOD_IN_S,
/// 60 s) it recounts yesterday and today. Ingestion never touches a counter row, so a hot application
/// never waits on one; closed days keep their figure even after their events are purged.
/// </summary>
internal sealed partial class EventsPerDayRefresher(IServiceScopeFactory scopes, IOptions<EventsPerDayOptions> options, TimeProvider time,
    ILogger<EventsPerDayRefresher> logger) : BackgroundService
{
    private const string Sql = """
        INSERT INTO event.events_per_day (application_id, day, amount)
        SELECT application_id, (received_at AT TIME ZONE 'UTC')::date, count(*)
        FROM event.event
        WHERE received_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 day'
        GROUP BY 1, 2
        ON CONFLICT (application_id, day) DO UPDATE SET amount = EXCLUDED.amount
        """;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IngestionDbContext>();
        await db.Database.ExecuteSqlRawAsync(Sql, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.RefreshPeriodSeconds);
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing events per day failed; will retry at the next period")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
