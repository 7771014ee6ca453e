using Hook0.Modules.Delivery.Contracts;
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

    /// <summary>An <c>EGRESS_PROXIES</c> name, <c>direct</c>, or null for the instance default (ADR 0031).</summary>
    public System.Text.Json.JsonElement Proxy { get; init; }

    /// <summary>OAuth2 client credentials deliveries authenticate with (the secret write-only), or null to remove them.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("oauth2")]
    public System.Text.Json.JsonElement OAuth2 { get; init; }

    /// <summary>Client certificates for mutual TLS (at most two): new PEM pairs (write-only) or stored ones kept by thumbprint; null removes them.</summary>
    public System.Text.Json.JsonElement ClientCertificates { get; init; }

    /// <summary>PEM bundle of the CA(s) the receiver's certificate must chain to, or null for the system's trust.</summary>
    public System.Text.Json.JsonElement ServerCaPem { get; init; }

    /// <summary>Consecutive failures that open the circuit (1 to 1000; null: the default, 10). Issue #26.</summary>
    public System.Text.Json.JsonElement CircuitBreakerThreshold { get; init; }

    /// <summary>
    /// Checks made before authorization, as upstream: the target must parse (a URL that does not is a
    /// body error) and the labels must be given one way or the other.
    /// </summary>
    public ResolvedSubscription Resolve()
    {
        if (Target.Type == SubscriptionTargetTypes.Cli)
        {
            // Our addition (issue #25): delivered to a `hook0 listen` session; no URL, POST to the listener's local URL.
            if (Target.Url is not null || Target.Method is not (null or "POST"))
            {
                throw Problems.JsonPayload.With("A cli target has no url, and its method is POST.");
            }
        }
        else if (!string.Equals(Target.Type, SubscriptionTargetTypes.Http, StringComparison.Ordinal))
        {
            throw Problems.JsonPayload.With("target.type must be \"http\" or \"cli\".");
        }
        else if (Target.Method is null)
        {
            throw Problems.JsonPayload.With("target.method is required for an http target.");
        }
        else if (!Uri.TryCreate(Target.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
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

/// <summary>An http target has a method and a URL; a cli target (our addition) neither.</summary>
public sealed record SubscriptionTargetPost(string Type, string? Method = null, string? Url = null, Dictionary<string, string>? Headers = null);


public sealed record ResolvedSubscription(IReadOnlyDictionary<string, string> Labels, string? LegacyKey, string? LegacyValue);
