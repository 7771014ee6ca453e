using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.AnswerInvitation;

internal static class AnswerInvitationEndpoint
{
    /// <summary>
    /// Addition (ADR 0015): accept (200, the organization and role; the new role is in the next
    /// refreshed token) or decline (204) one of the signed-in user's invitations.
    /// </summary>
    public static void MapAnswerInvitation(this IEndpointRouteBuilder api)
    {
        api.MapPost("/invitations/{invitation_id:guid}/accept", async ([FromRoute(Name = "invitation_id")] Guid invitationId, Caller caller, ISender sender, CancellationToken ct)
                => await sender.Send(new AnswerInvitationCommand(caller, invitationId, Accept: true), ct) is { } answered
                    ? TypedResults.Ok(answered)
                    : throw Problems.NotFound.ToException())
            .WithTags("Organization Management")
            .WithName("invitations.accept")
            .Produces<AnsweredInvitation>();
        api.MapPost("/invitations/{invitation_id:guid}/decline", async ([FromRoute(Name = "invitation_id")] Guid invitationId, Caller caller, ISender sender, CancellationToken ct) =>
            {
                _ = await sender.Send(new AnswerInvitationCommand(caller, invitationId, Accept: false), ct) ?? throw Problems.NotFound.ToException();
                return TypedResults.NoContent();
            })
            .WithTags("Organization Management")
            .WithName("invitations.decline");
    }
}
