using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Http;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.ListEvents;

internal static class ListEventsEndpoint
{
    public static void MapListEvents(this IEndpointRouteBuilder api)
        => api.MapGet("/events", async (
                [FromQuery(Name = "application_id")] Guid applicationId,
                [FromQuery(Name = "event_type")] string? eventType,
                [FromQuery(Name = "label_key")] string? labelKey,
                [FromQuery(Name = "label_value")] string? labelValue,
                [FromQuery(Name = "from")] DateTimeOffset? from,
                [FromQuery(Name = "to")] DateTimeOffset? to,
                [FromQuery(Name = "cursor")] string? cursor,
                [FromQuery(Name = "limit")] int? limit,
                HttpContext http, Caller caller, ISender sender, CancellationToken ct) =>
            {
                var page = await sender.Send(new ListEventsQuery(caller, applicationId, eventType, labelKey, labelValue,
                    from?.UtcDateTime, to?.UtcDateTime, cursor, limit ?? ListEventsQuery.DefaultLimit), ct);
                if (page.NextCursor is { } next)
                {
                    NextPageLink.Add(http, "cursor", next);
                }

                return TypedResults.Ok(page.Items);
            })
            .WithTags("Events")
            .WithName("events.list");
}
