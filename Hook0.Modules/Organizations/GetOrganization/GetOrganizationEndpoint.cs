using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.GetOrganization;

internal static class GetOrganizationEndpoint
{
    public static void MapGetOrganization(this IEndpointRouteBuilder api)
        => api.MapGet("/organizations/{organization_id:guid}", async ([FromRoute(Name = "organization_id")] Guid organizationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetOrganizationQuery(caller, organizationId), ct)))
            .WithTags("Organization Management")
            .WithName("organizations.get");
}
