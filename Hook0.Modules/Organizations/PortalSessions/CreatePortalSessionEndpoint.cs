using System.Text.Json.Serialization;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.PortalSessions;

internal static class CreatePortalSessionEndpoint
{
    public static void MapCreatePortalSession(this IEndpointRouteBuilder api)
        => api.MapPost("/portal_sessions", async (PortalSessionPost body, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new CreatePortalSessionCommand(caller, body.ApplicationId, body.Labels ?? new Dictionary<string, string>(),
                    body.EventTypes ?? [], body.ReadOnly, body.LifetimeInS ?? CreatePortalSessionCommand.DefaultLifetimeSeconds), ct), statusCode: StatusCodes.Status201Created))
            .WithTags("Customer Portal")
            .WithName("portalSession.create").Produces<PortalSessionCreated>(StatusCodes.Status201Created);
}

/// <summary>
/// Body of <c>POST /portal_sessions</c> (our addition, ADR 0028): the application, the label scope, the event
/// types the customer may subscribe to (none: all), read-only, and the lifetime in seconds (default 1 h, at most 7 d).
/// </summary>
public sealed record PortalSessionPost(
    Guid ApplicationId,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyList<string>? EventTypes = null,
    bool ReadOnly = false,
    [property: JsonPropertyName("lifetime_in_s")] int? LifetimeInS = null);
