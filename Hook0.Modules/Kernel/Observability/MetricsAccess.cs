using System.Security.Cryptography;
using System.Text;
using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Observability;

/// <summary>
/// Who may read <c>/metrics</c> (finding 6 of issue #19: it was public). The decisions are made on the
/// matched endpoint, not on the path string, so no spelling of the path (case, trailing slash, escapes)
/// reaches the exporter around them.
/// </summary>
public static class MetricsAccess
{
    /// <summary>Marks the scrape endpoint, so the metrics port can refuse every other one.</summary>
    public sealed class ScrapeEndpoint
    {
        public static readonly ScrapeEndpoint Instance = new();
    }

    /// <summary>Runs in the scrape endpoint's own pipeline, before the exporter writes anything.</summary>
    public static void RequireScraper(IApplicationBuilder branch)
    {
        var options = branch.ApplicationServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        branch.Use(async (context, next) =>
        {
            var onMetricsPort = options.MetricsPort is { } port && context.Connection.LocalPort == port;
            if (!onMetricsPort && (options.MetricsPort is not null || string.IsNullOrEmpty(options.MetricsKey)))
            {
                // Not served on the public port: answer as if the route did not exist.
                await ProblemWriter.WriteAsync(context, Problems.NotFound);
                return;
            }

            if (!string.IsNullOrEmpty(options.MetricsKey))
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    await ProblemWriter.WriteAsync(context, Problems.AuthNoAuthorizationHeader);
                    return;
                }

                if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(options.MetricsKey)))
                {
                    await ProblemWriter.WriteAsync(context, Problems.Forbidden);
                    return;
                }
            }

            await next(context);
        });
    }

    /// <summary>
    /// The metrics port serves the scrape endpoint and nothing else: the API, the dashboard and the
    /// probes stay on the public port (after routing, so the matched endpoint is known).
    /// </summary>
    public static IApplicationBuilder UseMetricsPortIsolation(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (options.MetricsPort is not { } port)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == port && context.GetEndpoint()?.Metadata.GetMetadata<ScrapeEndpoint>() is null)
            {
                await ProblemWriter.WriteAsync(context, Problems.NotFound);
                return;
            }

            await next(context);
        });
    }
}
