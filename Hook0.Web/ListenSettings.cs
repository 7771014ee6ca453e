using Hook0.Modules.Kernel.Settings;

namespace Hook0.Web;

/// <summary>Upstream's <c>IP</c> and <c>PORT</c> settings (default 127.0.0.1:8080), unless ASP.NET Core URLs are set explicitly.</summary>
internal static class ListenSettings
{
    public static void UseUpstreamListenSettings(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrEmpty(configuration["urls"]) || !string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]))
        {
            return;
        }

        var server = new ServerOptions();
        configuration.Bind(server);
        var host = server.Ip.Contains(':', StringComparison.Ordinal) ? $"[{server.Ip}]" : server.Ip;
        builder.WebHost.UseUrls($"http://{host}:{server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
