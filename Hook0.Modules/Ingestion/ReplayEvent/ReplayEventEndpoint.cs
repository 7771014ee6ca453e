using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.ReplayEvent;

internal static class ReplayEventEndpoint
{
    public static void MapReplayEvent(this IEndpointRouteBuilder api)
        => api.MapPost("/events/{event_id:guid}/replay", async ([FromRoute(Name = "event_id")] Guid eventId, ReplayEventPost body,
                Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ReplayEventCommand(caller, body.ApplicationId, eventId), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Events")
            .WithName("events.replay");
}

public sealed record ReplayEventPost(Guid ApplicationId);
