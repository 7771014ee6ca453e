using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.GetServiceToken;

internal static class GetServiceTokenEndpoint
{
    public static void MapGetServiceToken(this IEndpointRouteBuilder api)
        => api.MapGet("/service_token/{service_token_id:guid}", async ([FromRoute(Name = "service_token_id")] Guid tokenId,
                [FromQuery(Name = "organization_id")] Guid organizationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetServiceTokenQuery(caller, tokenId, organizationId), ct)))
            .WithTags("Service Tokens Management")
            .WithName("serviceToken.get");
}
