using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.CreateOrganization;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.EditOrganization;

internal static class EditOrganizationEndpoint
{
    public static void MapEditOrganization(this IEndpointRouteBuilder api)
        => api.MapPut("/organizations/{organization_id:guid}", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                OrganizationPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new EditOrganizationCommand(caller, organizationId, body.Name), ct)))
            .WithTags("Organization Management");
}
