using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.CreateApplicationSecret;

internal static class CreateApplicationSecretEndpoint
{
    public static void MapCreateApplicationSecret(this IEndpointRouteBuilder api)
        => api.MapPost("/application_secrets", async (ApplicationSecretPost body, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new CreateApplicationSecretCommand(caller, body.ApplicationId, body.Name), ct), statusCode: StatusCodes.Status201Created))
            .WithTags("Application Secrets Management")
            .WithName("applicationSecrets.create").Produces<ApplicationSecretDto>(StatusCodes.Status201Created);
}

/// <summary>Body of <c>POST</c> and <c>PUT /application_secrets</c>.</summary>
public sealed record ApplicationSecretPost(Guid ApplicationId, string? Name = null);
