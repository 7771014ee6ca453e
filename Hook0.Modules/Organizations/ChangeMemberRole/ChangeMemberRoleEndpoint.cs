using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ChangeMemberRole;

internal static class ChangeMemberRoleEndpoint
{
    public static void MapChangeMemberRole(this IEndpointRouteBuilder api)
        => api.MapPut("/organizations/{organization_id:guid}/invite", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                RolePut body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ChangeMemberRoleCommand(caller, organizationId, body.UserId, body.Role), ct)))
            .WithTags("Organization Management")
            .WithName("organizations.edit_role");
}

/// <summary>Body of <c>PUT /organizations/{id}/invite</c>.</summary>
public sealed record RolePut(Guid UserId, string Role);
