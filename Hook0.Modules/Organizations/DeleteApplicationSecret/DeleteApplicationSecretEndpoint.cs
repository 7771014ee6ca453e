using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.DeleteApplicationSecret;

internal static class DeleteApplicationSecretEndpoint
{
    public static void MapDeleteApplicationSecret(this IEndpointRouteBuilder api)
        => api.MapDelete("/application_secrets/{token:guid}", async ([FromRoute(Name = "token")] Guid token,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteApplicationSecretCommand(caller, token, applicationId), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Application Secrets Management")
            .WithName("applicationSecrets.delete");
}
