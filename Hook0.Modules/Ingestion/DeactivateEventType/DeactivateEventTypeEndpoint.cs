using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.DeactivateEventType;

internal static class DeactivateEventTypeEndpoint
{
    public static void MapDeactivateEventType(this IEndpointRouteBuilder api)
        => api.MapDelete("/event_types/{event_type_name}", async ([FromRoute(Name = "event_type_name")] string name,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeactivateEventTypeCommand(caller, applicationId, name), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Event Types")
            .WithName("eventTypes.delete");
}
