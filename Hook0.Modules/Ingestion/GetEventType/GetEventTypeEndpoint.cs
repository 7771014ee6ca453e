using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.GetEventType;

internal static class GetEventTypeEndpoint
{
    public static void MapGetEventType(this IEndpointRouteBuilder api)
        => api.MapGet("/event_types/{event_type_name}", async ([FromRoute(Name = "event_type_name")] string name,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetEventTypeQuery(caller, applicationId, name), ct)))
            .WithTags("Event Types")
            .WithName("eventTypes.get");
}
