using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Kernel.Audit;

internal static class AuditSetup
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditOrigin>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton(AuditLogPartitions.Records);
        services.AddScoped<IHousekeepingJob, PurgeOldAuditRecordsJob>();
        return services;
    }
}
