using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.GetApplication;

internal static class GetApplicationEndpoint
{
    public static void MapGetApplication(this IEndpointRouteBuilder api)
        => api.MapGet("/applications/{application_id:guid}", async ([FromRoute(Name = "application_id")] Guid applicationId,
                Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetApplicationQuery(caller, applicationId), ct)))
            .WithTags("Applications Management")
            .WithName("applications.get");
}
