using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.CreateSubscription;

internal static class CreateSubscriptionEndpoint
{
    public static void MapCreateSubscription(this IEndpointRouteBuilder api)
        => api.MapPost("/subscriptions", async (SubscriptionPost body, Caller caller, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(CreateSubscriptionCommand.From(caller, body), ct), statusCode: StatusCodes.Status201Created))
            .WithTags("Subscriptions Management")
            .WithName("subscriptions.create").Produces<SubscriptionDto>(StatusCodes.Status201Created);
}
