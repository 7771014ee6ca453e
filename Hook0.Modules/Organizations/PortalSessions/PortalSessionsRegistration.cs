using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Organizations.PortalSessions;

internal static class PortalSessionsRegistration
{
    public static IServiceCollection AddPortalSessions(this IServiceCollection services)
    {
        services.AddSingleton<PortalTokens>();
        services.AddScoped<PortalLiveness>();
        return services;
    }

    public static void MapPortalSessions(this IEndpointRouteBuilder api)
    {
        api.MapCreatePortalSession();
        api.MapDeletePortalSession();
        api.MapPortalSettings();
    }
}
