using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Listen;

/// <summary>
/// <c>/api/v1/cli/listen</c> (our addition): the hub a <c>hook0 listen</c> session connects to, outbound from the
/// developer's machine, authenticated with its bearer token like any API call (the host's fallback policy refuses an
/// unauthenticated connection). <c>Listen(subscription_id)</c> attaches the connection to a cli subscription, authorized
/// like editing it: only callers of the subscription's own organization (its users, service tokens, the application's
/// secret; the master key) may receive its deliveries. Deliveries are then invoked on the client (<c>Deliver</c>) and
/// its answer is the attempt's response (<see cref="CliTarget"/>). Refusals are hub errors carrying the problem id.
/// </summary>
internal sealed class ListenHub(DeliveryDbContext db, AccessPolicy policy, CliListeners listeners, IServiceProvider services) : Hub
{
    public const string Route = "/cli/listen";

    public async Task Listen(Guid subscriptionId)
    {
        var caller = (Context.User as CallerPrincipal)?.Caller ?? throw Refusal(Problems.AuthNoAuthorizationHeader.ToException());
        var subscription = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Id == subscriptionId && s.DeletedAt == null)
            .Select(s => new { s.ApplicationId, s.TargetType })
            .FirstOrDefaultAsync(Context.ConnectionAborted) ?? throw Refusal(Problems.NotFound.ToException());
        try
        {
            await policy.AuthorizeAsync(new Access(caller, Actions.SubscriptionEdit, ApplicationId: subscription.ApplicationId,
                Facts: [AccessFacts.SubscriptionId(subscriptionId)]), Context.ConnectionAborted);
        }
        catch (ProblemException problem)
        {
            throw Refusal(problem);
        }

        if (subscription.TargetType != SubscriptionTargetTypes.Cli)
        {
            throw Refusal(Problems.InvalidParameter.With("This subscription's target is not \"cli\": only a cli subscription is delivered to hook0 listen."));
        }

        if (services.GetService(typeof(CliDeliveryPump)) is null)
        {
            // This instance runs no delivery workers (an API-only role): a listener here would receive nothing.
            throw Refusal(Problems.ServiceUnavailable.With("This instance delivers nothing (its delivery workers are off): connect to one that does."));
        }

        listeners.Add(Context.ConnectionId, subscriptionId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        listeners.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The client sees the message of a HubException only: it carries the problem's id, as the CLI prints refusals.</summary>
    private static HubException Refusal(ProblemException problem) => new($"{problem.Problem.Id}: {problem.Detail}");
}
