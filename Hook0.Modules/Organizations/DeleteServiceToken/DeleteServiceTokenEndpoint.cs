using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.DeleteServiceToken;

internal static class DeleteServiceTokenEndpoint
{
    public static void MapDeleteServiceToken(this IEndpointRouteBuilder api)
        => api.MapDelete("/service_token/{service_token_id:guid}", async ([FromRoute(Name = "service_token_id")] Guid tokenId,
                [FromQuery(Name = "organization_id")] Guid organizationId, Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteServiceTokenCommand(caller, tokenId, organizationId), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Service Tokens Management")
            .WithName("serviceToken.delete");
}
