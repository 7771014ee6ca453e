using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.ListEventTypes;

internal static class ListEventTypesEndpoint
{
    public static void MapListEventTypes(this IEndpointRouteBuilder api)
        => api.MapGet("/event_types", async ([FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListEventTypesQuery(caller, applicationId), ct)))
            .WithTags("Event Types")
            .WithName("eventTypes.list");
}
