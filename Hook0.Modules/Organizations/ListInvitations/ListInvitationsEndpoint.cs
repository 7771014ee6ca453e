using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.ListInvitations;

internal static class ListInvitationsEndpoint
{
    /// <summary>Addition (ADR 0015): an organization's pending invitations, for its editors.</summary>
    public static void MapListInvitations(this IEndpointRouteBuilder api)
        => api.MapGet("/organizations/{organization_id:guid}/invitations", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListInvitationsQuery(caller, organizationId), ct)))
            .WithTags("Organization Management")
            .WithName("organizations.invitations.list");
}
