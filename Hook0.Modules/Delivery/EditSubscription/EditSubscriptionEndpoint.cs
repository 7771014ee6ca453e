using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.EditSubscription;

internal static class EditSubscriptionEndpoint
{
    public static void MapEditSubscription(this IEndpointRouteBuilder api)
        => api.MapPut("/subscriptions/{subscription_id:guid}", async ([FromRoute(Name = "subscription_id")] Guid subscriptionId,
                SubscriptionPost body, Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(EditSubscriptionCommand.From(caller, subscriptionId, body), ct)))
            .WithTags("Subscriptions Management")
            .WithName("subscriptions.update");
}
