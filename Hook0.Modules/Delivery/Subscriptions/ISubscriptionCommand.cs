using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>Create or full-replace update: both carry the one <see cref="SubscriptionFields"/>, so one validator checks both.</summary>
internal interface ISubscriptionCommand
{
    SubscriptionFields Fields { get; }
}
