using System.Text.Json;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Creates a subscription with a server-generated signing secret (sealed at rest), and an Ed25519 key on request.</summary>
public sealed record CreateSubscriptionCommand(
    Caller Caller,
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
    public Access Access => new(Caller, Actions.SubscriptionCreate, ApplicationId: ApplicationId, Facts: [AccessFacts.Labels(Labels)]);

    public static CreateSubscriptionCommand From(Caller caller, SubscriptionPost body)
    {
        var resolved = body.Resolve();
        return new(caller, body.ApplicationId, body.IsEnabled, body.EventTypes, body.Description, body.Metadata ?? [],
            resolved.Labels, resolved.LegacyKey, resolved.LegacyValue, body.Target.Method, body.Target.Url, body.Target.Headers ?? [],
            body.DedicatedWorkers, body.RetryPolicy, body.MaxConcurrency, body.RateLimitPerSecond,
            body.SignatureSchemes, body.AsymmetricSignatures);
    }
}
