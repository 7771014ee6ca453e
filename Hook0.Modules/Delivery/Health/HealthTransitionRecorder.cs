using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;

namespace Hook0.Modules.Delivery.Health;

/// <summary>Moves a tracked subscription to a health state and records the transition (saved by the caller).</summary>
internal static class HealthTransitionRecorder
{
    public static void MoveTo(DeliveryDbContext db, Subscription subscription, string state, string reason, DateTime now)
    {
        if (subscription.HealthState == state)
        {
            return;
        }

        db.HealthTransitions.Add(new HealthTransition
        {
            Id = Guid.CreateVersion7(),
            SubscriptionId = subscription.Id,
            FromState = subscription.HealthState,
            ToState = state,
            Reason = reason,
            OccurredAt = now,
        });
        subscription.HealthState = state;
        subscription.HealthReason = reason;
        subscription.HealthChangedAt = now;
        if (state is HealthStates.Healthy or HealthStates.Disabled)
        {
            subscription.FailingSince = null;
        }
    }
}
