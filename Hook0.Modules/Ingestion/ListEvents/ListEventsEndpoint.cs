using System.ComponentModel;
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
                // Additions (issue #23): payload search, defined in PayloadSearch and named in the ADR.
                [FromQuery(Name = PayloadSearch.ContainsParameter)]
                [Description("Only events whose JSON payload contains this JSON object (PostgreSQL jsonb @>), e.g. {\"customer\":{\"id\":\"42\"}}. At most 4096 bytes and 32 levels deep.")]
                string? payloadContains,
                [FromQuery(Name = PayloadSearch.PathParameter)]
                [Description("With payload_value: only events whose JSON payload has this value at this path of object keys separated by dots, e.g. customer.id.")]
                string? payloadPath,
                [FromQuery(Name = PayloadSearch.ValueParameter)]
                [Description("With payload_path: the value, matched as a JSON string, and as a JSON number too when it is written as one (42 matches \"42\" and 42).")]
                string? payloadValue,
                HttpContext http, Caller caller, ISender sender, CancellationToken ct) =>
            {
                var page = await sender.Send(new ListEventsQuery(caller, applicationId, eventType, labelKey, labelValue,
                    from?.UtcDateTime, to?.UtcDateTime, cursor, limit ?? ListEventsQuery.DefaultLimit,
                    PayloadContains: payloadContains, PayloadPath: payloadPath, PayloadValue: payloadValue), ct);
                if (page.NextCursor is { } next)
                {
                    NextPageLink.Add(http, "cursor", next);
                }

                return TypedResults.Ok(page.Items);
            })
            .WithTags("Events")
            .WithName("events.list");
}
