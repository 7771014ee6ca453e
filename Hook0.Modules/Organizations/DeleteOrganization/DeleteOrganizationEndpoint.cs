using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.DeleteOrganization;

internal static class DeleteOrganizationEndpoint
{
    public static void MapDeleteOrganization(this IEndpointRouteBuilder api)
        => api.MapDelete("/organizations/{organization_id:guid}", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteOrganizationCommand(caller, organizationId), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Organization Management");
}
