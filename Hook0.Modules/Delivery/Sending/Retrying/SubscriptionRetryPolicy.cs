using System.Text.Json.Serialization;

namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>
/// A subscription's own retry policy (JSON object <c>retry_policy</c>): <c>max_retries</c> plus either an
/// explicit <c>schedule</c> of delays in seconds, whose last entry repeats, or exponential parameters.
/// Only instances that passed <see cref="RetryPolicyValidator"/> may be handed to the schedule.
/// </summary>
internal sealed record SubscriptionRetryPolicy
{
    [JsonPropertyName("max_retries")]
    public int MaxRetries { get; init; }

    [JsonPropertyName("schedule")]
    public IReadOnlyList<int>? Schedule { get; init; }

    [JsonPropertyName("initial_delay_seconds")]
    public int? InitialDelaySeconds { get; init; }

    [JsonPropertyName("factor")]
    public double? Factor { get; init; }

    [JsonPropertyName("max_delay_seconds")]
    public int? MaxDelaySeconds { get; init; }

    /// <summary>Delay after a failure of the attempt with <paramref name="retryCount"/>.</summary>
    public TimeSpan BaseDelay(int retryCount)
    {
        if (Schedule is { Count: > 0 } schedule)
        {
            return TimeSpan.FromSeconds(schedule[Math.Min(retryCount, schedule.Count - 1)]);
        }

        if (InitialDelaySeconds is not { } initial || Factor is not { } factor || MaxDelaySeconds is not { } max)
        {
            throw new InvalidOperationException("The retry policy has neither a schedule nor exponential parameters.");
        }

        // Computed in double and capped before converting, so a large retry count cannot overflow.
        var seconds = Math.Min(initial * Math.Pow(factor, retryCount), max);
        return TimeSpan.FromSeconds(seconds);
    }
}
