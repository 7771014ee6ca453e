using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.ListSubscriptions;

internal static class ListSubscriptionsEndpoint
{
    public static void MapListSubscriptions(this IEndpointRouteBuilder api)
        => api.MapGet("/subscriptions", async ([FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new ListSubscriptionsQuery(caller, applicationId), ct)))
            .WithTags("Subscriptions Management")
            .WithName("subscriptions.list");
}
