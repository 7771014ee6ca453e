using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.CreateApplicationSecret;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.EditApplicationSecret;

internal static class EditApplicationSecretEndpoint
{
    public static void MapEditApplicationSecret(this IEndpointRouteBuilder api)
        => api.MapPut("/application_secrets/{token:guid}", async ([FromRoute(Name = "token")] Guid token,
                ApplicationSecretPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new EditApplicationSecretCommand(caller, token, body.ApplicationId, body.Name), ct)))
            .WithTags("Application Secrets Management")
            .WithName("applicationSecrets.update");
}
