using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>Body of <c>POST /subscriptions</c> and <c>PUT /subscriptions/{id}</c> (a full replace).</summary>
public sealed record SubscriptionPost(
    Guid ApplicationId,
    bool IsEnabled,
    IReadOnlyList<string> EventTypes,
    SubscriptionTargetPost Target,
    string? Description = null,
    Dictionary<string, string>? Metadata = null,
    Dictionary<string, string>? Labels = null,
    string? LabelKey = null,
    string? LabelValue = null,
    IReadOnlyList<string>? DedicatedWorkers = null)
{
    // Undefined when omitted (kept on update), Null when reset. Init properties rather than
    // parameters with a default: the OpenAPI schema exporter cannot write an undefined default.
    public System.Text.Json.JsonElement RetryPolicy { get; init; }

    public System.Text.Json.JsonElement MaxConcurrency { get; init; }

    public System.Text.Json.JsonElement RateLimitPerSecond { get; init; }

    public System.Text.Json.JsonElement SignatureSchemes { get; init; }

    public System.Text.Json.JsonElement AsymmetricSignatures { get; init; }

    /// <summary>Consecutive failures that open the circuit (1 to 1000; null: the default, 10). Issue #26.</summary>
    public System.Text.Json.JsonElement CircuitBreakerThreshold { get; init; }

    /// <summary>
    /// Checks made before authorization, as upstream: the target must parse (a URL that does not is a
    /// body error) and the labels must be given one way or the other.
    /// </summary>
    public ResolvedSubscription Resolve()
    {
        if (!string.Equals(Target.Type, "http", StringComparison.Ordinal))
        {
            throw Problems.JsonPayload.With("target.type must be \"http\".");
        }

        if (!Uri.TryCreate(Target.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
        {
            throw Problems.JsonPayload.With("target.url must be an absolute http or https URL with a host.");
        }

        if (Labels is not null)
        {
            return new ResolvedSubscription(Labels, null, null);
        }

        return LabelKey is not null && LabelValue is not null
            ? new ResolvedSubscription(new Dictionary<string, string> { [LabelKey] = LabelValue }, LabelKey, LabelValue)
            : throw Problems.LabelsAmbiguity.ToException();
    }
}

public sealed record SubscriptionTargetPost(string Type, string Method, string Url, Dictionary<string, string>? Headers = null);

public sealed record ResolvedSubscription(IReadOnlyDictionary<string, string> Labels, string? LegacyKey, string? LegacyValue);
