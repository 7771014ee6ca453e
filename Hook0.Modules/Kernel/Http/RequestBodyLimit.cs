using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// Bounds every request body (upstream: 2 MiB): a declared oversize is refused before anything is
/// read, and the server stops reading an undeclared one at the limit.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await ProblemWriter.WriteAsync(context, Problems.JsonPayload, $"Body is too big (maximum is {limit} bytes).");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(context);
        });
}
