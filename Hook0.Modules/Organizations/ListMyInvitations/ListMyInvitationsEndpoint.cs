using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.ListMyInvitations;

internal static class ListMyInvitationsEndpoint
{
    /// <summary>Addition (ADR 0015): the signed-in user's pending invitations.</summary>
    public static void MapListMyInvitations(this IEndpointRouteBuilder api)
        => api.MapGet("/invitations", async (Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListMyInvitationsQuery(caller), ct)))
            .WithTags("Organization Management")
            .WithName("invitations.list_mine");
}
