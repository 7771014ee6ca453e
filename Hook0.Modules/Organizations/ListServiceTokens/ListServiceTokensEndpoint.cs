using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ListServiceTokens;

internal static class ListServiceTokensEndpoint
{
    public static void MapListServiceTokens(this IEndpointRouteBuilder api)
        => api.MapGet("/service_token", async ([FromQuery(Name = "organization_id")] Guid organizationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListServiceTokensQuery(caller, organizationId), ct)))
            .WithTags("Service Tokens Management")
            .WithName("serviceToken.list");
}
