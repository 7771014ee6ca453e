using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.CreateEventType;

internal static class CreateEventTypeEndpoint
{
    public static void MapCreateEventType(this IEndpointRouteBuilder api)
        => api.MapPost("/event_types", async (EventTypePost body, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new CreateEventTypeCommand(caller, body.ApplicationId, body.Service, body.ResourceType, body.Verb, body.Schema), ct),
                    statusCode: StatusCodes.Status201Created))
            .WithTags("Event Types")
            .WithName("eventTypes.create").Produces<EventTypeDto>(StatusCodes.Status201Created);
}

/// <summary>Upstream's body plus an optional <c>schema</c> (a JSON Schema for the type's JSON payloads).</summary>
public sealed record EventTypePost(Guid ApplicationId, string Service, string ResourceType, string Verb)
{
    // Undefined when omitted; an init property because the OpenAPI schema exporter cannot write an undefined default.
    public JsonElement Schema { get; init; }
}
