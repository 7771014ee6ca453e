using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.OperationalWebhooks;

internal static class GetOperationalWebhooksEndpoint
{
    public static void MapGetOperationalWebhooks(this IEndpointRouteBuilder api)
        => api.MapGet("/organizations/{organization_id:guid}/operational_webhooks", async ([FromRoute(Name = "organization_id")] Guid organizationId,
                Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetOperationalWebhooksQuery(caller, organizationId), ct)))
            .WithTags("Organization Management").Produces<OperationalWebhooksDto>();
}
