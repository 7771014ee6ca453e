using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ListApplicationSecrets;

internal static class ListApplicationSecretsEndpoint
{
    public static void MapListApplicationSecrets(this IEndpointRouteBuilder api)
        => api.MapGet("/application_secrets", async ([FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListApplicationSecretsQuery(caller, applicationId), ct)))
            .WithTags("Application Secrets Management")
            .WithName("applicationSecrets.read");
}
