using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Http;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Dashboard.Portal;

/// <summary>
/// Headers of the portal's pages (<c>/portal/{application_id}/…</c>): <c>Content-Security-Policy: frame-ancestors</c>
/// with the origins the application allows to embed it (and this instance: the dashboard's preview), so no other site
/// may frame it, and therefore no <c>X-Frame-Options</c> (whose DENY would forbid every frame; the host's security
/// headers leave it out when a page sets frame-ancestors); <c>Referrer-Policy: no-referrer</c> and <c>no-store</c>, so
/// nothing of a portal page leaks to the sites it links to or stays in a shared cache.
/// </summary>
internal sealed class PortalFraming(RequestDelegate next, Api api)
{
    public const string Prefix = "/portal";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(Prefix, out var rest) && ApplicationOf(rest) is { } applicationId)
        {
            var settings = await api.Send(new GetPortalSettingsQuery(applicationId), context.RequestAborted);
            context.Items[SecurityHeaders.OwnFramingPolicy] = true;
            var ancestors = settings is { AllowedOrigins.Count: > 0 } ? "'self' " + string.Join(' ', settings.AllowedOrigins) : "'self'";
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = $"frame-ancestors {ancestors}";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                headers.Remove("X-Frame-Options");
                return Task.CompletedTask;
            });
        }

        await next(context);
    }

    /// <summary>The application id that starts the rest of the path (<c>/{id}</c> or <c>/{id}/…</c>), if any.</summary>
    public static Guid? ApplicationOf(PathString rest)
    {
        var value = rest.Value;
        if (string.IsNullOrEmpty(value) || value[0] != '/')
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        return Guid.TryParseExact(end < 0 ? value[1..] : value[1..end], "D", out var id) ? id : null;
    }
}
