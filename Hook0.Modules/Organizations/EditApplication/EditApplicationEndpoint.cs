using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.CreateApplication;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.EditApplication;

internal static class EditApplicationEndpoint
{
    public static void MapEditApplication(this IEndpointRouteBuilder api)
        => api.MapPut("/applications/{application_id:guid}", async ([FromRoute(Name = "application_id")] Guid applicationId,
                ApplicationPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new EditApplicationCommand(caller, applicationId, body.Name, body.PayloadSearch), ct)))
            .WithTags("Applications Management")
            .WithName("applications.update");
}
