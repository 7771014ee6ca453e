using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.RemoveMember;

internal static class RemoveMemberEndpoint
{
    /// <summary>A DELETE with a JSON body, as upstream; answers 200 with the body echoed.</summary>
    public static void MapRemoveMember(this IEndpointRouteBuilder api)
        => api.MapDelete("/organizations/{organization_id:guid}/invite", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                [FromBody] RevokePost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new RemoveMemberCommand(caller, organizationId, body.UserId), ct)))
            .WithTags("Organization Management")
            .WithName("organizations.revoke");
}

/// <summary>Body of <c>DELETE /organizations/{id}/invite</c>.</summary>
public sealed record RevokePost(Guid UserId);
