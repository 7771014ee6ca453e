using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.GetSubscription;

internal static class GetSubscriptionEndpoint
{
    public static void MapGetSubscription(this IEndpointRouteBuilder api)
        => api.MapGet("/subscriptions/{subscription_id:guid}", async ([FromRoute(Name = "subscription_id")] Guid subscriptionId,
                Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new GetSubscriptionQuery(caller, subscriptionId), ct)))
            .WithTags("Subscriptions Management")
            .WithName("subscriptions.get");
}
