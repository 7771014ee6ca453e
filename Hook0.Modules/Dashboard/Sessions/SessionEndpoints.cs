using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.RateLimiting;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// Login, logout and the e-mail link that logs in: plain form posts (an interactive circuit cannot set
/// a cookie), checked by antiforgery (form binding requires it), answering with a redirect.
/// </summary>
internal static class SessionEndpoints
{
    public const string LoginPath = "/dashboard/login";
    public const string LogoutPath = "/dashboard/logout";
    public const string VerifyEmailPath = "/dashboard/verify-email";

    public static void MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").AllowAnonymous().ExcludeFromDescription();

        group.MapPost(LoginPath, async ([FromForm] string? email, [FromForm] string? password, [FromForm(Name = "return")] string? returnUrl,
            HttpContext context, Api api, SessionStore store, SessionCookie cookie, AddressThrottle throttle) =>
        {
            try
            {
                // The form shares the API's per-address bucket: it is the same door for a guesser.
                if (throttle.Refusal(context, ThrottledRoutes.Login) is not null)
                {
                    throw Problems.RateLimited.ToException();
                }

                var tokens = await api.Send(new LoginCommand(email ?? string.Empty, password ?? string.Empty), context.RequestAborted);
                cookie.Write(context, await store.OpenAsync(tokens, context));
                return Results.Redirect(ReturnTarget.LocalOrHome(returnUrl));
            }
            catch (ProblemException e)
            {
                // The target goes back to the form already made safe, so a retry lands where the first try would have.
                return Results.Redirect($"/login?error={Uri.EscapeDataString(e.Problem.Id)}&email={Uri.EscapeDataString(email is { Length: > 100 } ? string.Empty : email ?? string.Empty)}"
                    + $"&return={Uri.EscapeDataString(ReturnTarget.LocalOrHome(returnUrl))}");
            }
        });

        group.MapPost(LogoutPath, async ([FromForm] string? reason, HttpContext context, Api api, SessionStore store, SessionCookie cookie) =>
        {
            // Revokes the session server-side (its row and its tokens), not only forgets the cookie: a copy stops working at once, on every instance.
            if (cookie.Read(context) is { } secret && await store.FindAsync(secret, cancellationToken: context.RequestAborted) is { } session
                && await api.Send(new AuthenticateQuery(session.AccessToken), context.RequestAborted) is { } caller)
            {
                await api.Send(new LogoutCommand(caller), context.RequestAborted);
            }

            cookie.Delete(context);
            return Results.Redirect("/login");
        });

        group.MapPost(VerifyEmailPath, async ([FromForm] string? token, HttpContext context, Api api, SessionStore store, SessionCookie cookie) =>
        {
            try
            {
                var tokens = await api.Send(new VerifyEmailCommand(token ?? string.Empty), context.RequestAborted);
                cookie.Write(context, await store.OpenAsync(tokens, context));
                return Results.Redirect("/?verified=true");
            }
            catch (ProblemException e)
            {
                return Results.Redirect($"/verify-email?error={Uri.EscapeDataString(e.Problem.Id)}");
            }
        });
    }
}
