using System.Diagnostics;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Kernel.Health;

/// <summary>
/// Upstream's key-protected <c>/api/v1/health</c>, plus unauthenticated container probes:
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the schema is this version's and the database answers).
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder api)
        => api.MapGet("/health", async (string? key, IOptions<ServerOptions> options, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var expected = options.Value.HealthCheckKey;
            if (expected is null)
            {
                throw Problems.NotFound.ToException();
            }

            if (expected.Length > 0 && !string.Equals(key, expected, StringComparison.Ordinal))
            {
                throw Problems.Forbidden.ToException();
            }

            var total = Stopwatch.StartNew();
            var (healthy, dbMs) = await ProbeDatabaseAsync(db, TimeSpan.FromMilliseconds(options.Value.HealthCheckTimeoutMs), ct);
            var body = new HealthCheck(healthy, dbMs, total.ElapsedMilliseconds);
            return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Health")
            .Produces<HealthCheck>().Produces<HealthCheck>(StatusCodes.Status503ServiceUnavailable);

    public static void MapProbes(this IEndpointRouteBuilder root)
    {
        root.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        root.MapGet("/readyz", async (NpgsqlDataSource db, DatabaseReadiness readiness, CancellationToken ct) =>
        {
            if (!readiness.IsReady)
            {
                return Results.Text("database migrations pending", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var (healthy, _) = await ProbeDatabaseAsync(db, TimeSpan.FromSeconds(5), ct);
            return healthy ? Results.Text("ready") : Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<(bool Healthy, long Milliseconds)> ProbeDatabaseAsync(NpgsqlDataSource db, TimeSpan timeout, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await using var command = db.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cts.Token);
            return (true, watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return (false, watch.ElapsedMilliseconds);
        }
    }

    private sealed record HealthCheck(bool Database, long DatabaseDurationMs, long TotalDurationMs);
}
