using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Dashboard.Sessions;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Dashboard.EventTypes;

/// <summary>
/// The event-type page's "AsyncAPI" download links: the API's document (<c>GET /api/v1/applications/{id}/asyncapi.json</c>),
/// through the same query, for the signed-in user. A plain link cannot carry a bearer token and the API never accepts the
/// session cookie, so the dashboard answers it itself, as a file, on a path without an extension (the session middleware
/// skips those, as static files).
/// </summary>
internal static class EventCatalogDownload
{
    public static string Path(Guid organizationId, Guid applicationId, EventCatalogFormat format)
        => $"/organizations/{organizationId}/applications/{applicationId}/event-types/asyncapi?format={format.ToString().ToLowerInvariant()}";

    public static void MapEventCatalogDownload(this IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/organizations/{organization_id:guid}/applications/{application_id:guid}/event-types/asyncapi",
                async ([FromRoute(Name = "application_id")] Guid applicationId, [FromQuery(Name = "format")] string? format, HttpContext context, Api api, SessionStore store) =>
                {
                    // As UserSession does for the pages: the cookie's session (looked up again, so an ended one stops here), then its token's caller.
                    var session = context.User.FindFirst(SessionCookie.ClaimType)?.Value is { } secret
                        ? await store.FindAsync(secret, cancellationToken: context.RequestAborted)
                        : null;
                    var caller = session is null ? null : await api.Send(new AuthenticateQuery(session.AccessToken), context.RequestAborted);
                    if (caller is null)
                    {
                        throw Problems.AuthNoAuthorizationHeader.ToException();
                    }

                    var wanted = format is "yaml" ? EventCatalogFormat.Yaml : EventCatalogFormat.Json;
                    var document = await api.Send(new GetEventCatalogQuery(caller, applicationId, wanted), context.RequestAborted);
                    return Results.File(System.Text.Encoding.UTF8.GetBytes(document.Text), document.ContentType, document.FileName);
                })
            // The session middleware, not the bearer fallback policy, establishes this user.
            .AllowAnonymous()
            .ExcludeFromDescription();
}
