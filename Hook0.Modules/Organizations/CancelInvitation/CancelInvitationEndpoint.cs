using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.CancelInvitation;

internal static class CancelInvitationEndpoint
{
    /// <summary>Addition (ADR 0015): withdraws a pending invitation (204; 404 when the organization has none with this id).</summary>
    public static void MapCancelInvitation(this IEndpointRouteBuilder api)
        => api.MapDelete("/organizations/{organization_id:guid}/invitations/{invitation_id:guid}", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                [FromRoute(Name = "invitation_id")] Guid invitationId, Caller caller, ISender sender, CancellationToken ct)
                => await sender.Send(new CancelInvitationCommand(caller, organizationId, invitationId), ct)
                    ? TypedResults.NoContent()
                    : throw Problems.NotFound.ToException())
            .WithTags("Organization Management")
            .WithName("organizations.invitations.cancel");
}
