using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ListOrganizations;

internal static class ListOrganizationsEndpoint
{
    public static void MapListOrganizations(this IEndpointRouteBuilder api)
        => api.MapGet("/organizations", async (Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListOrganizationsQuery(caller), ct)))
            .WithTags("Organization Management")
            .WithName("organizations.list");
}
