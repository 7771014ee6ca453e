using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.PauseSubscription;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.RotateSecret;

internal static class RotateSecretEndpoint
{
    public static void MapRotateSecret(this IEndpointRouteBuilder api)
        => api.MapPost("/subscriptions/{subscription_id:guid}/secret/rotate", async ([FromRoute(Name = "subscription_id")] Guid id, ApplicationRef body,
                Caller caller, ISender sender, CancellationToken ct)
                => TypedResults.Ok(await sender.Send(new RotateSecretCommand(caller, body.ApplicationId, id), ct)))
            .WithTags("Subscriptions Management").Produces<SubscriptionDto>();
}
