using System.Text.Json;
using Hook0.Modules.Delivery.Subscriptions;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// What create and full-replace update both carry (as ContosoUniversity's <c>CreateEdit</c>): one field set, so
/// one validator, one reference check and one mapping serve both commands.
/// </summary>
/// <remarks>
/// <c>Labels</c> are resolved from <c>labels</c> or from the legacy pair, and <c>LabelKey</c>/<c>LabelValue</c> are set
/// only when they came from <c>label_key</c>/<c>label_value</c>. Our additions — <c>RetryPolicy</c>,
/// <c>MaxConcurrency</c>, <c>RateLimitPerSecond</c>, <c>SignatureSchemes</c>, <c>AsymmetricSignatures</c> (ADR 0008), <c>CircuitBreakerThreshold</c> (#26) — are
/// absent (Undefined) to keep the stored value, null to reset it, or a value to set it.
/// </remarks>
public sealed record SubscriptionFields(
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
    JsonElement AsymmetricSignatures,
    JsonElement Proxy = default,
    JsonElement OAuth2 = default,
    JsonElement ClientCertificates = default,
    JsonElement ServerCaPem = default,
    JsonElement CircuitBreakerThreshold = default)
{
    /// <summary>The fields of a <c>POST /subscriptions</c> or <c>PUT /subscriptions/{id}</c> body, its labels resolved.</summary>
    public static SubscriptionFields From(SubscriptionPost body)
    {
        var resolved = body.Resolve();
        return new(body.ApplicationId, body.IsEnabled, body.EventTypes, body.Description, body.Metadata ?? [],
            resolved.Labels, resolved.LegacyKey, resolved.LegacyValue, body.Target.Method ?? "POST", body.Target.Url ?? string.Empty, body.Target.Headers ?? [],
            body.DedicatedWorkers, body.RetryPolicy, body.MaxConcurrency, body.RateLimitPerSecond,
            body.SignatureSchemes, body.AsymmetricSignatures, body.Proxy, body.OAuth2, body.ClientCertificates, body.ServerCaPem, body.CircuitBreakerThreshold)
        {
            TargetType = body.Target.Type,
        };
    }

    /// <summary><c>target.type</c>: http (upstream's only type) or cli (our addition, a <c>hook0 listen</c> session).</summary>
    public string TargetType { get; init; } = SubscriptionTargetTypes.Http;
}
