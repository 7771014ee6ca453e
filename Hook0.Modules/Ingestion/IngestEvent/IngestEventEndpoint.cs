using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.IngestEvent;

internal static class IngestEventEndpoint
{
    public static void MapIngestEvent(this IEndpointRouteBuilder api)
        => api.MapPost("/event", async (EventPost body, HttpContext http, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new IngestEventCommand(caller, body, http.Connection.RemoteIpAddress), ct),
                    statusCode: StatusCodes.Status201Created))
            .WithTags("Events")
            .WithName("events.ingest").Produces<IngestedEventDto>(StatusCodes.Status201Created);
}
