using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Hook0.Modules.Kernel.Housekeeping;

namespace Hook0.Modules.Delivery.Analytics;

internal static class AnalyticsSetup
{
    /// <summary>The roll-up runs where the delivery workers run (worker instances), like the health monitor.</summary>
    public static IServiceCollection AddDeliveryAnalytics(this IServiceCollection services, IConfiguration configuration, bool workersEnabled)
    {
        services.AddOptions<AnalyticsOptions>().Bind(configuration);
        services.AddSingleton<DeliveryStatsRollup>();
        services.AddScoped<IHousekeepingJob, PurgeOldStatsJob>();
        if (workersEnabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DeliveryStatsRollup>());
        }

        return services;
    }
}
