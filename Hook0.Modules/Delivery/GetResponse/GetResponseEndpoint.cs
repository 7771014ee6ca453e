using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.GetResponse;

internal static class GetResponseEndpoint
{
    public static void MapGetResponse(this IEndpointRouteBuilder api)
        => api.MapGet("/responses/{response_id:guid}", async ([FromRoute(Name = "response_id")] Guid responseId,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetResponseQuery(caller, applicationId, responseId), ct)))
            .WithTags("Request Attempts")
            .WithName("response.get");
}
