using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Kernel.Errors;

/// <summary>Bodiless framework answers on API paths (unknown route, wrong method) become problem documents.</summary>
public static class ProblemStatusCodePages
{
    public static IApplicationBuilder UseApiProblemStatusCodes(this IApplicationBuilder app)
        => app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var problem = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => Problems.NotFound,
                StatusCodes.Status405MethodNotAllowed => Problems.MethodNotAllowed,
                StatusCodes.Status415UnsupportedMediaType => Problems.JsonPayload,
                StatusCodes.Status413PayloadTooLarge => Problems.JsonPayload,
                StatusCodes.Status401Unauthorized => Problems.AuthNoAuthorizationHeader,
                StatusCodes.Status403Forbidden => Problems.Forbidden,
                StatusCodes.Status400BadRequest => Problems.InvalidParameter,
                _ => null,
            };
            if (problem is not null)
            {
                await ProblemWriter.WriteAsync(http, problem);
            }
        });
}
