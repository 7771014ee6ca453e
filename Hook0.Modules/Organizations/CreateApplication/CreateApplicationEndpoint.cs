using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.CreateApplication;

internal static class CreateApplicationEndpoint
{
    public static void MapCreateApplication(this IEndpointRouteBuilder api)
        => api.MapPost("/applications", async (ApplicationPost body, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new CreateApplicationCommand(caller, body.OrganizationId, body.Name, body.PayloadSearch ?? false), ct), statusCode: StatusCodes.Status201Created))
            .WithTags("Applications Management")
            .WithName("applications.create").Produces<ApplicationDto>(StatusCodes.Status201Created);
}

/// <summary>Body of <c>POST</c> and <c>PUT /applications</c> (on update the organization is ignored, as upstream).</summary>
/// <param name="OrganizationId">The organization it belongs to (ignored on update).</param>
/// <param name="Name">Its name.</param>
/// <param name="PayloadSearch">
/// Added (ADR 0025): index the application's JSON events for payload search. Omitted: off on creation, unchanged on
/// update, so an upstream client that does not know the field never turns it off.
/// </param>
public sealed record ApplicationPost(Guid OrganizationId, string Name, bool? PayloadSearch = null);
