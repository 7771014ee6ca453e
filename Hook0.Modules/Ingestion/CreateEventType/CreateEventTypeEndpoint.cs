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
                => Results.Json(await sender.Send(new CreateEventTypeCommand(caller, body.ApplicationId, body.Service, body.ResourceType, body.Verb, body.Schema, body.Description, body.Example, body.Deprecated), ct),
                    statusCode: StatusCodes.Status201Created))
            .WithTags("Event Types")
            .WithName("eventTypes.create").Produces<EventTypeDto>(StatusCodes.Status201Created);
}

/// <summary>
/// Upstream's body plus optional <c>schema</c> (a JSON Schema for the type's JSON payloads), <c>description</c>,
/// <c>example</c> and <c>deprecated</c>; each one omitted keeps what is stored.
/// </summary>
public sealed record EventTypePost(Guid ApplicationId, string Service, string ResourceType, string Verb)
{
    // Undefined when omitted; an init property because the OpenAPI schema exporter cannot write an undefined default.
    public JsonElement Schema { get; init; }

    /// <summary>What the type means (at most 1000 characters); omitted or null keeps the stored one, empty removes it.</summary>
    public string? Description { get; init; }

    /// <summary>An example JSON payload, which must satisfy the schema; omitted keeps the stored one, null removes it.</summary>
    public JsonElement Example { get; init; }

    /// <summary>Marks the type as deprecated (still accepted and delivered); omitted or null keeps the stored flag.</summary>
    public bool? Deprecated { get; init; }
}
