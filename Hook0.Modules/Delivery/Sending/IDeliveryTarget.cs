using Hook0.Modules.Delivery.Lifecycle;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// One kind of subscription target (the API's <c>target.type</c>). Delivery dispatches a claimed attempt on its
/// target's type; HTTP (<see cref="AttemptSender"/>) is the only type today and stays the fast path; other types plug in here.
/// </summary>
internal interface IDeliveryTarget
{
    /// <summary>The <c>target.type</c> it delivers to.</summary>
    string Type { get; }

    Task<DeliveryOutcome> SendAsync(ClaimedAttempt attempt, CancellationToken cancellationToken);
}
