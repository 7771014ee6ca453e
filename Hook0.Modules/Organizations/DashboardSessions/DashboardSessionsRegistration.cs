using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Organizations.DashboardSessions;

internal static class DashboardSessionsRegistration
{
    public static IServiceCollection AddDashboardSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardSessionOptions>().Bind(configuration);
        services.AddSingleton<DashboardSessionPurgeJob>();
        if (RolesOptions.From(configuration).HousekeepingEnabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DashboardSessionPurgeJob>());
        }

        return services;
    }
}
