using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.PauseSubscription;

internal static class PauseSubscriptionEndpoints
{
    public static void MapPauseSubscription(this IEndpointRouteBuilder api)
    {
        api.MapPost("/subscriptions/{subscription_id:guid}/pause", ([FromRoute(Name = "subscription_id")] Guid id, ApplicationRef body, Caller caller, ISender sender, CancellationToken ct)
            => SetAsync(id, body, caller, sender, true, ct)).WithTags("Subscriptions Management").Produces<SubscriptionDto>();
        api.MapPost("/subscriptions/{subscription_id:guid}/resume", ([FromRoute(Name = "subscription_id")] Guid id, ApplicationRef body, Caller caller, ISender sender, CancellationToken ct)
            => SetAsync(id, body, caller, sender, false, ct)).WithTags("Subscriptions Management").Produces<SubscriptionDto>();
    }

    private static async Task<IResult> SetAsync(Guid id, ApplicationRef body, Caller caller, ISender sender, bool paused, CancellationToken ct)
        => TypedResults.Ok(await sender.Send(new SetSubscriptionPausedCommand(caller, body.ApplicationId, id, paused), ct));
}

/// <summary>A body naming only the application acted on.</summary>
public sealed record ApplicationRef(Guid ApplicationId);
