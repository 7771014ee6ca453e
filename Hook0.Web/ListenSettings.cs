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

        var ip = configuration["IP"] is { Length: > 0 } i ? i : "127.0.0.1";
        var port = configuration["PORT"] is { Length: > 0 } p ? p : "8080";
        var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        builder.WebHost.UseUrls($"http://{host}:{port}");
    }
}
