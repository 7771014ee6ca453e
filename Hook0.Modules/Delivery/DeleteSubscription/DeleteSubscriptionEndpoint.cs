using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.DeleteSubscription;

internal static class DeleteSubscriptionEndpoint
{
    public static void MapDeleteSubscription(this IEndpointRouteBuilder api)
        => api.MapDelete("/subscriptions/{subscription_id:guid}", async ([FromRoute(Name = "subscription_id")] Guid subscriptionId,
                [FromQuery(Name = "application_id")] Guid applicationId, Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteSubscriptionCommand(caller, subscriptionId, applicationId), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Subscriptions Management")
            .WithName("subscriptions.delete");
}
