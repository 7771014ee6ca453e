using System.Text.Json;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// A subscription as the API shows it: upstream's shape (legacy label fields included) plus our
/// additions <c>is_paused</c>, <c>retry_policy</c> and <c>max_concurrency</c>, <c>rate_limit_per_second</c> (ADR 0006).
/// </summary>
public sealed record SubscriptionDto(
    Guid ApplicationId,
    Guid SubscriptionId,
    bool IsEnabled,
    IReadOnlyList<string> EventTypes,
    string? Description,
    Guid Secret,
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
    int? RateLimitPerSecond);

/// <summary>Where deliveries go: only the <c>http</c> target type exists.</summary>
public sealed record SubscriptionTargetDto(string Type, string Method, string Url, IReadOnlyDictionary<string, string> Headers);
