using Hook0.Modules.Ingestion.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Ingestion.ListPayloadContentTypes;

/// <summary><c>GET /payload_content_types</c>: the encodings an event payload may use.</summary>
internal static class ListPayloadContentTypesEndpoint
{
    public static void MapListPayloadContentTypes(this IEndpointRouteBuilder api)
        => api.MapGet("/payload_content_types", () => TypedResults.Ok(PayloadContentTypes.All))
            .AllowAnonymous()
            .WithTags("Events")
            .WithName("payload_content_types.list");
}
