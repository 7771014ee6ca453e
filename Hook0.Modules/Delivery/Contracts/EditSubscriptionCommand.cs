using System.Text.Json;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Replaces a subscription's upstream fields (event types included). Fields this implementation adds
/// later keep their value when the request omits them, so an upstream client never wipes them.
/// </summary>
public sealed record EditSubscriptionCommand(
    Caller Caller,
    Guid SubscriptionId,
    Guid ApplicationId,
    bool IsEnabled,
    IReadOnlyList<string> EventTypes,
    string? Description,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string> Labels,
    string? LabelKey,
    string? LabelValue,
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string>? DedicatedWorkers,
    JsonElement RetryPolicy,
    JsonElement MaxConcurrency,
    JsonElement RateLimitPerSecond,
    JsonElement SignatureSchemes,
    JsonElement AsymmetricSignatures) : ICommand<SubscriptionDto>, IAuthorizedRequest, ISubscriptionFields
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);

    public static EditSubscriptionCommand From(Caller caller, Guid subscriptionId, SubscriptionPost body)
    {
        var resolved = body.Resolve();
        return new(caller, subscriptionId, body.ApplicationId, body.IsEnabled, body.EventTypes, body.Description, body.Metadata ?? [],
            resolved.Labels, resolved.LegacyKey, resolved.LegacyValue, body.Target.Method, body.Target.Url, body.Target.Headers ?? [],
            body.DedicatedWorkers, body.RetryPolicy, body.MaxConcurrency, body.RateLimitPerSecond,
            body.SignatureSchemes, body.AsymmetricSignatures);
    }
}
