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
    /// <summary>Set in <c>HttpContext.Items</c> by a page that sends its own frame-ancestors and Referrer-Policy.</summary>
    public const string OwnFramingPolicy = "hook0:own-framing-policy";

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
                    // A page that decides its own framing and referrer policy (the customer portal: frame-ancestors for the
                    // origins allowed to embed it, which X-Frame-Options cannot express, and no-referrer) keeps them (ADR 0028).
                    var own = context.Items.ContainsKey(OwnFramingPolicy);
                    if (!own)
                    {
                        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                        headers.XFrameOptions = "DENY";
                    }

                    headers.XXSSProtection = "1; mode=block";
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
