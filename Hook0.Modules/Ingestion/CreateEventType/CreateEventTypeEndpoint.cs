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
                => Results.Json(await sender.Send(new CreateEventTypeCommand(caller, body.ApplicationId, body.Service, body.ResourceType, body.Verb), ct),
                    statusCode: StatusCodes.Status201Created))
            .WithTags("Event Types");
}

public sealed record EventTypePost(Guid ApplicationId, string Service, string ResourceType, string Verb);
