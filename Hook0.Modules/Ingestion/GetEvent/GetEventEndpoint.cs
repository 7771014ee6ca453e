using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.GetEvent;

internal static class GetEventEndpoint
{
    public static void MapGetEvent(this IEndpointRouteBuilder api)
        => api.MapGet("/events/{event_id:guid}", async ([FromRoute(Name = "event_id")] Guid eventId,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetEventQuery(caller, applicationId, eventId), ct)))
            .WithTags("Events")
            .WithName("events.get");
}
