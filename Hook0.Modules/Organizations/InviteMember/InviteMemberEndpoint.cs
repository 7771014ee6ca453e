using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.InviteMember;

internal static class InviteMemberEndpoint
{
    /// <summary>Answers 200 with the body echoed, as upstream.</summary>
    public static void MapInviteMember(this IEndpointRouteBuilder api)
        => api.MapPost("/organizations/{organization_id:guid}/invite", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                InvitePost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new InviteMemberCommand(caller, organizationId, body.Email, body.Role), ct)))
            .WithTags("Organization Management")
            .WithName("organizations.invite");
}

/// <summary>Body of <c>POST /organizations/{id}/invite</c>.</summary>
public sealed record InvitePost(string Email, string Role);
