using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.CreateOrganization;

internal static class CreateOrganizationEndpoint
{
    /// <summary>Answers 200, not 201: upstream's quirk, kept for wire compatibility.</summary>
    public static void MapCreateOrganization(this IEndpointRouteBuilder api)
        => api.MapPost("/organizations", async (OrganizationPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new CreateOrganizationCommand(caller, body.Name), ct)))
            .WithTags("Organization Management");
}

/// <summary>Body of <c>POST</c> and <c>PUT /organizations</c>.</summary>
public sealed record OrganizationPost(string Name);
