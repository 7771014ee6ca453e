using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Periodic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Ingestion.CountEventsPerDay;

/// <summary>
/// Keeps the per-day aggregate current: every period (upstream's MATERIALIZED_VIEWS_REFRESH_PERIOD_IN_S,
/// 60 s) it recounts yesterday and today. Ingestion never touches a counter row, so a hot application
/// never waits on one; closed days keep their figure even after their events are purged.
/// </summary>
internal sealed class EventsPerDayRefresher(IServiceScopeFactory scopes, IOptions<EventsPerDayOptions> options, NpgsqlDataSource db, TimeProvider time,
    ILogger<EventsPerDayRefresher> logger) : PeriodicJob<int>(db, time, logger)
{
    private const string Sql = """
        INSERT INTO event.events_per_day (application_id, day, amount)
        SELECT application_id, (received_at AT TIME ZONE 'UTC')::date, count(*)
        FROM event.event
        WHERE received_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 day'
        GROUP BY 1, 2
        ON CONFLICT (application_id, day) DO UPDATE SET amount = EXCLUDED.amount
        """;

    public override string Name => "events per day";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.RefreshPeriodSeconds);

    /// <returns>The day rows written.</returns>
    protected override async Task<int> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestionDbContext>();
        return await context.Database.ExecuteSqlRawAsync(Sql, cancellationToken);
    }
}
