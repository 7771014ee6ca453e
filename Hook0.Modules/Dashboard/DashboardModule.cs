using Hook0.Modules.Dashboard.Audit;
using Hook0.Modules.Dashboard.Sessions;
using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Dashboard.EventTypes;
using Hook0.Modules.Dashboard.Portal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Hook0.Modules.Dashboard;

/// <summary>The dashboard's registration: its components' services, the session cookie, and the session form posts.</summary>
public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<Api>();
        services.AddScoped<UserSession>();
        services.AddScoped<BrowserTimeZone>();
        services.AddOptions<PortalOptions>().Configure<IConfiguration>((options, configuration) => configuration.Bind(options));
        services.AddSingleton<PortalOperations>();
        services.AddScoped<PortalSessionState>();
        return services;
    }

    /// <summary>
    /// After authorization: a page request carrying the session cookie gets the session's user; a customer-portal
    /// page gets its framing and referrer headers.
    /// </summary>
    public static IApplicationBuilder UseDashboardSessions(this IApplicationBuilder app)
        => app.UseMiddleware<SessionMiddleware>().UseMiddleware<PortalFraming>();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSessionEndpoints();
        endpoints.MapEventCatalogDownload();
        endpoints.MapAuditExportDownload();
        return endpoints;
    }
}
