using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Hook0.Modules.Kernel.Observability;

/// <summary>
/// Keeps the framework's client-side metrics free of destinations. .NET tags its HttpClient and DNS
/// instruments with <c>server.address</c>, <c>server.port</c> and <c>dns.question.name</c>: for Hook0
/// those are subscription target hosts (other tenants' customers, and one time series per target,
/// without bound). Per-subscription figures live in the API and the dashboard instead. Kestrel's own
/// listener address goes too: it is the same on every series and tells a reader of the scrape where
/// the (possibly internal) listeners are.
/// </summary>
internal static class BoundedMetricTags
{
    private static readonly string[] AddressedMeters =
        ["System.Net.Http", "System.Net.NameResolution", "System.Net.Sockets", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>The only tags kept on those instruments: all of them have a small, fixed set of values.</summary>
    public static readonly string[] AllowedTags =
    [
        "http.request.method", "http.response.status_code", "http.connection.state", "error.type", "url.scheme",
        "network.protocol.name", "network.protocol.version", "network.transport", "network.type", "tls.protocol.version",
    ];

    public static MetricStreamConfiguration? View(Instrument instrument)
        => AddressedMeters.Contains(instrument.Meter.Name, StringComparer.Ordinal)
            ? new MetricStreamConfiguration { TagKeys = AllowedTags }
            : null;
}
