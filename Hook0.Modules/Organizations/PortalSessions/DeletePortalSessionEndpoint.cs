using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.PortalSessions;

internal static class DeletePortalSessionEndpoint
{
    public static void MapDeletePortalSession(this IEndpointRouteBuilder api)
        => api.MapDelete("/portal_sessions/{portal_session_id:guid}", async ([FromRoute(Name = "portal_session_id")] Guid id,
                Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeletePortalSessionCommand(caller, id), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Customer Portal")
            .WithName("portalSession.delete");
}
