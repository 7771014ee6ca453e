using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// Until the schema is current, every request but the probes and <c>/metrics</c> (none of which needs
/// the schema) is answered 503 with Retry-After: no endpoint queries a database that is still being
/// migrated, or tables that do not exist yet.
/// </summary>
public static class DatabaseReadinessGate
{
    private static readonly string[] Ungated = ["/healthz", "/readyz", "/metrics"];

    public static IApplicationBuilder UseDatabaseReadinessGate(this IApplicationBuilder app)
    {
        var readiness = app.ApplicationServices.GetRequiredService<DatabaseReadiness>();
        return app.Use(async (context, next) =>
        {
            if (!readiness.IsReady && !Ungated.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                await ProblemWriter.WriteAsync(context, Problems.ServiceUnavailable, "The database is being prepared for this version; retry shortly.");
                return;
            }

            await next(context);
        });
    }
}
