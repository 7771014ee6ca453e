using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.EventCatalog;

internal static class EventCatalogEndpoint
{
    public static void MapEventCatalog(this IEndpointRouteBuilder api)
    {
        api.MapGet("/applications/{application_id:guid}/asyncapi.json", ([FromRoute(Name = "application_id")] Guid applicationId,
                Caller caller, ISender sender, CancellationToken ct) => SendAsync(sender, new GetEventCatalogQuery(caller, applicationId, EventCatalogFormat.Json), ct))
            .WithTags("Event Types")
            .WithName("eventTypes.asyncapiJson")
            .WithSummary("The application's event catalog as an AsyncAPI 3.0 document (JSON)")
            .Produces<JsonObject>(StatusCodes.Status200OK, EventCatalogMediaTypes.Json);
        api.MapGet("/applications/{application_id:guid}/asyncapi.yaml", ([FromRoute(Name = "application_id")] Guid applicationId,
                Caller caller, ISender sender, CancellationToken ct) => SendAsync(sender, new GetEventCatalogQuery(caller, applicationId, EventCatalogFormat.Yaml), ct))
            .WithTags("Event Types")
            .WithName("eventTypes.asyncapiYaml")
            .WithSummary("The application's event catalog as an AsyncAPI 3.0 document (YAML)")
            .Produces<string>(StatusCodes.Status200OK, EventCatalogMediaTypes.Yaml);
    }

    private static async Task<IResult> SendAsync(ISender sender, GetEventCatalogQuery query, CancellationToken ct)
    {
        var document = await sender.Send(query, ct);
        return TypedResults.Text(document.Text, document.ContentType);
    }
}
