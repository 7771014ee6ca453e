using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.CreateServiceToken;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.EditServiceToken;

internal static class EditServiceTokenEndpoint
{
    public static void MapEditServiceToken(this IEndpointRouteBuilder api)
        => api.MapPut("/service_token/{service_token_id:guid}", async ([FromRoute(Name = "service_token_id")] Guid tokenId,
                ServiceTokenPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new EditServiceTokenCommand(caller, tokenId, body.OrganizationId, body.Name), ct)))
            .WithTags("Service Tokens Management")
            .WithName("serviceToken.edit");
}
