using Hook0.Modules.Kernel.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.IngestBatch;

internal static class IngestBatchEndpoint
{
    /// <summary>Body: a JSON array of events as <c>POST /event</c> takes them. Answer: 207 with one result per event, in order.</summary>
    public static void MapIngestBatch(this IEndpointRouteBuilder api)
        => api.MapPost("/events/batch", async (EventBatch body, HttpContext http, Caller caller, IngestBatchHandler handler, CancellationToken ct)
                => Results.Json(await handler.HandleAsync(new IngestBatchCommand(caller, body, http.Connection.RemoteIpAddress), ct),
                    statusCode: StatusCodes.Status207MultiStatus))
            .WithTags("Events")
            .Produces<IReadOnlyList<BatchItemResult>>(StatusCodes.Status207MultiStatus);
}
