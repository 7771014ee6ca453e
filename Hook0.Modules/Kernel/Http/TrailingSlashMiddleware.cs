using Microsoft.AspNetCore.Builder;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// Upstream trims trailing slashes before routing, so <c>/api/v1/event/</c> is <c>/api/v1/event</c>.
/// Only the API is trimmed: the reference page lives at <c>/api/documentation/</c> and its assets are relative to that slash.
/// </summary>
public static class TrailingSlashMiddleware
{
    public static IApplicationBuilder UseTrailingSlashTrimming(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is { Length: > 1 } && path[^1] == '/' && context.Request.Path.StartsWithSegments(ModulesRegistration.ApiPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Path = new(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
            }

            return next(context);
        });
}
