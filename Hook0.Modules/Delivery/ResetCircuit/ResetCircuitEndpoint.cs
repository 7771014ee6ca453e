using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.PauseSubscription;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Delivery.ResetCircuit;

/// <summary>
/// <c>POST /subscriptions/{id}/circuit/reset</c>: an action on the subscription named like <c>/pause</c> and
/// <c>/resume</c> (a verb under the resource, the body naming the application), the circuit being a sub-resource of it.
/// </summary>
internal static class ResetCircuitEndpoint
{
    public static void MapResetCircuit(this IEndpointRouteBuilder api)
        => api.MapPost("/subscriptions/{subscription_id:guid}/circuit/reset",
                async ([FromRoute(Name = "subscription_id")] Guid id, ApplicationRef body, Caller caller, ISender sender, CancellationToken ct)
                    => TypedResults.Ok(await sender.Send(new ResetCircuitCommand(caller, body.ApplicationId, id), ct)))
            .WithTags("Subscriptions Management").Produces<SubscriptionDto>();
}
