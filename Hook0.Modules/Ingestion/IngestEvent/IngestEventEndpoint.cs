using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.IngestEvent;

internal static class IngestEventEndpoint
{
    /// <summary>The hot path: the body is bound and the answer written with <see cref="IngestJson"/>'s metadata, the handler called directly.</summary>
    public static void MapIngestEvent(this IEndpointRouteBuilder api)
        => api.MapPost("/event", async (EventPost body, HttpContext http, Caller caller, IngestEventHandler handler, CancellationToken ct)
                => TypedResults.Json(await handler.IngestAsync(caller, body, http.Connection.RemoteIpAddress, ct), IngestJson.Default.IngestedEventDto,
                    statusCode: StatusCodes.Status201Created))
            .WithTags("Events")
            .WithName("events.ingest").Produces<IngestedEventDto>(StatusCodes.Status201Created);
}
