using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ListApplications;

internal static class ListApplicationsEndpoint
{
    public static void MapListApplications(this IEndpointRouteBuilder api)
        => api.MapGet("/applications", async ([FromQuery(Name = "organization_id")] Guid organizationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListApplicationsQuery(caller, organizationId), ct)))
            .WithTags("Applications Management")
            .WithName("applications.list");
}
