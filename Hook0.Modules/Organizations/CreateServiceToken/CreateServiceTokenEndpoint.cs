using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.CreateServiceToken;

internal static class CreateServiceTokenEndpoint
{
    public static void MapCreateServiceToken(this IEndpointRouteBuilder api)
        => api.MapPost("/service_token", async (ServiceTokenPost body, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new CreateServiceTokenCommand(caller, body.OrganizationId, body.Name), ct), statusCode: StatusCodes.Status201Created))
            .WithTags("Service Tokens Management")
            .WithName("serviceToken.create").Produces<ServiceTokenDto>(StatusCodes.Status201Created);
}

/// <summary>Body of <c>POST</c> and <c>PUT /service_token</c>.</summary>
public sealed record ServiceTokenPost(Guid OrganizationId, string Name);
