using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.Settings;

namespace Hook0.Web;

/// <summary>Upstream's <c>IP</c> and <c>PORT</c> settings (default 127.0.0.1:8080), unless ASP.NET Core URLs are set explicitly.</summary>
internal static class ListenSettings
{
    public static void UseUpstreamListenSettings(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var server = new ServerOptions();
        configuration.Bind(server);
        var host = server.Ip.Contains(':', StringComparison.Ordinal) ? $"[{server.Ip}]" : server.Ip;
        var urls = configuration["urls"] is { Length: > 0 } explicitUrls ? explicitUrls
            : configuration["ASPNETCORE_URLS"] is { Length: > 0 } aspNetCoreUrls ? aspNetCoreUrls
            : $"http://{host}:{server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        // The metrics port is a listener of its own on the same address, whatever the public URLs are:
        // MetricsAccess serves /metrics there and nothing else.
        var observability = new ObservabilityOptions();
        configuration.Bind(observability);
        if (observability.MetricsEnabled && observability.MetricsPort is { } metricsPort)
        {
            urls += $";http://{host}:{metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        builder.WebHost.UseUrls(urls);
    }
}
