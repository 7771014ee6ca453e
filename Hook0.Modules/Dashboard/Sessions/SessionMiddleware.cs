using Hook0.Modules.Kernel.Auth;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// Turns the session cookie into the request's user, outside the API only (the API never accepts a
/// cookie, so it needs no CSRF defence). Blazor hands that user to the circuit it starts, which is how
/// interactive pages find their session without ever seeing the cookie.
/// </summary>
internal sealed class SessionMiddleware(RequestDelegate next, SessionCookie cookie, SessionStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Static files (every one has an extension, no page does) need no user: no session lookup for them.
        if (!context.Request.Path.StartsWithSegments(ModulesRegistration.ApiPrefix)
            && !Path.HasExtension(context.Request.Path.Value)
            && context.User is not CallerPrincipal
            && cookie.Read(context) is { } secret
            && await store.FindAsync(secret, cancellationToken: context.RequestAborted) is { } session)
        {
            context.User = SessionCookie.Principal(secret, session);
        }

        await next(context);
    }
}
