using System.Text.Json;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// A subscription as the API shows it: upstream's shape (legacy label fields included) plus our
/// additions <c>is_paused</c>, <c>retry_policy</c> and <c>max_concurrency</c>, <c>rate_limit_per_second</c> (ADR 0006),
/// <c>signature_schemes</c>, <c>standard_secret</c>, <c>secrets</c>, <c>public_key</c> and <c>health</c> (ADR 0008),
/// <c>circuit_breaker_threshold</c>, <c>circuit</c> and <c>adaptive_rate_per_second</c> (issue #26, read-only but the threshold).
/// <see cref="Secret"/> is the secret <c>X-Hook0-Signature</c> is signed with now: the previous one
/// while a rotation's grace period runs. The secrets (<see cref="Secret"/>, <see cref="StandardSecret"/>,
/// <see cref="Secrets"/>) are shown only to callers who may edit the subscription; they are null for
/// viewers (ADR 0015).
/// </summary>
public sealed record SubscriptionDto(
    Guid ApplicationId,
    Guid SubscriptionId,
    bool IsEnabled,
    IReadOnlyList<string> EventTypes,
    string? Description,
    Guid? Secret,
    IReadOnlyDictionary<string, string> Metadata,
    string LabelKey,
    string LabelValue,
    IReadOnlyDictionary<string, string> Labels,
    SubscriptionTargetDto Target,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<string> DedicatedWorkers,
    bool IsPaused,
    JsonElement? RetryPolicy,
    int? MaxConcurrency,
    int? RateLimitPerSecond,
    string SignatureSchemes,
    string? StandardSecret,
    IReadOnlyList<SubscriptionSecretDto>? Secrets,
    string? PublicKey,
    SubscriptionHealthDto Health,
    int CircuitBreakerThreshold = Protection.CircuitBreaker.DefaultThreshold,
    SubscriptionCircuitDto? Circuit = null,
    double? AdaptiveRatePerSecond = null)
{
    /// <summary>The <c>EGRESS_PROXIES</c> name deliveries go through, <c>direct</c>, or null for the instance default.</summary>
    public string? Proxy { get; init; }

    /// <summary>The OAuth2 client credentials deliveries authenticate with, without the client secret (write-only), or null.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("oauth2")]
    public SubscriptionOAuth2Dto? OAuth2 { get; init; }

    /// <summary>The client certificates presented for mutual TLS (never their keys), newest first, or null.</summary>
    public IReadOnlyList<ClientCertificateDto>? ClientCertificates { get; init; }

    /// <summary>When the latest-expiring client certificate expires (read-only; warned 14 days ahead), or null.</summary>
    public DateTime? ClientCertificateExpiresAt { get; init; }

    /// <summary>The pinned CA bundle (PEM; not a secret), or null for the system's trust.</summary>
    public string? ServerCaPem { get; init; }
}

/// <summary>A stored client certificate as shown: what identifies it and when it expires, never its key.</summary>
public sealed record ClientCertificateDto(string Subject, string Thumbprint, DateTime ExpiresAt);

/// <summary>A subscription's OAuth2 client-credentials grant as shown: never its client secret.</summary>
public sealed record SubscriptionOAuth2Dto(string TokenUrl, string ClientId, IReadOnlyList<string> Scopes, string? Audience);


/// <summary>
/// The subscription's circuit breaker (issue #26): <c>closed</c>, <c>open</c> (nothing is sent until
/// <see cref="NextProbeAt"/>) or <c>half_open</c> (one probe may go); why it opened (the last failure), since when,
/// and the failures counted in a row.
/// </summary>
public sealed record SubscriptionCircuitDto(string State, string? Reason, DateTime? Since, int ConsecutiveFailures, DateTime? NextProbeAt);

/// <summary>
/// A valid secret: <see cref="Secret"/> keys Hook0's HMAC, <see cref="StandardSecret"/> is the same bytes
/// in Standard Webhooks' <c>whsec_</c> form; <see cref="ExpiresAt"/> ends a replaced secret's grace period.
/// </summary>
public sealed record SubscriptionSecretDto(string Secret, string StandardSecret, DateTime CreatedAt, DateTime? ExpiresAt);

/// <summary>The subscription's health: its state, why and since when, and its latest transitions (newest first).</summary>
public sealed record SubscriptionHealthDto(string State, string? Reason, DateTime? Since, DateTime? FailingSince, IReadOnlyList<HealthTransitionDto> Transitions);

public sealed record HealthTransitionDto(string From, string To, string Reason, DateTime At);

/// <summary>Where deliveries go: only the <c>http</c> target type exists.</summary>
public sealed record SubscriptionTargetDto(string Type, string Method, string Url, IReadOnlyDictionary<string, string> Headers);
