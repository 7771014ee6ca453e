using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// Upstream's default headers on every answer. They are added when the answer starts, so answers
/// rewritten by the exception handler (which clears headers) carry them too.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<WebSecurityOptions>>().Value;
        if (!options.EnableSecurityHeaders && !options.EnableHstsHeader)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (options.EnableSecurityHeaders)
                {
                    headers.XContentTypeOptions = "nosniff";
                    // Upstream's effective value (SAMEORIGIN) is not a valid policy, so browsers fall back
                    // to strict-origin-when-cross-origin; we send that explicitly (ADR 0007).
                    // A page that chose its own (the customer portal: no-referrer, and frame-ancestors for the origins
                    // allowed to embed it, which X-Frame-Options cannot express) keeps its choice (ADR draft 24).
                    if (!headers.ContainsKey("Referrer-Policy"))
                    {
                        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                    }

                    headers.XXSSProtection = "1; mode=block";
                    if (!headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors", StringComparison.Ordinal))
                    {
                        headers.XFrameOptions = "DENY";
                    }
                }

                if (options.EnableHstsHeader)
                {
                    headers.StrictTransportSecurity = "max-age=63072000";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
