using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.DeleteApplication;

internal static class DeleteApplicationEndpoint
{
    public static void MapDeleteApplication(this IEndpointRouteBuilder api)
        => api.MapDelete("/applications/{application_id:guid}", async ([FromRoute(Name = "application_id")] Guid applicationId,
                Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteApplicationCommand(caller, applicationId), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Applications Management")
            .WithName("applications.delete");
}
