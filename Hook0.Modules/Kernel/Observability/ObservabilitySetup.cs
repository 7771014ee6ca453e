using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Hook0.Modules.Kernel.Observability;

/// <summary>
/// OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, Npgsql, Hook0's meters): scraped from
/// <c>/metrics</c> (Prometheus; see <see cref="MetricsAccess"/> for who may read it) and exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set.
/// </summary>
public static class ObservabilitySetup
{
    public static IServiceCollection AddHook0Observability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Hook0Metrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter()
                    .AddView(BoundedMetricTags.View);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces have no reader but OTLP: without it, recording a span for every request, delivery
            // call and SQL command only cost CPU on the hot paths (measured in issue #11).
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql().AddOtlpExporter());
        }

        return services;
    }

    public static void MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("METRICS_ENABLED", true))
        {
            endpoints.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, MetricsAccess.RequireScraper, optionsName: null)
                .AllowAnonymous().WithMetadata(MetricsAccess.ScrapeEndpoint.Instance);
        }
    }
}
