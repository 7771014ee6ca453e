using System.Globalization;

namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Checks a subscription's retry policy against the instance bounds, reporting every bad field.</summary>
internal static class RetryPolicyValidator
{
    public static IReadOnlyList<RetryPolicyError> Validate(SubscriptionRetryPolicy policy, RetryPolicyBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(bounds);
        var errors = new List<RetryPolicyError>();
        var minSeconds = (long)bounds.MinDelay.TotalSeconds;
        var maxSeconds = (long)bounds.MaxDelay.TotalSeconds;

        if (policy.MaxRetries < 0 || policy.MaxRetries > bounds.MaxRetries)
        {
            errors.Add(new("max_retries", $"must be between 0 and {bounds.MaxRetries}"));
        }

        var exponential = policy.InitialDelaySeconds is not null || policy.Factor is not null || policy.MaxDelaySeconds is not null;
        if (policy.Schedule is not null && exponential)
        {
            errors.Add(new("schedule", "cannot be combined with initial_delay_seconds, factor or max_delay_seconds"));
        }
        else if (policy.Schedule is { } schedule)
        {
            if (schedule.Count == 0 || schedule.Count > bounds.MaxScheduleLength)
            {
                errors.Add(new("schedule", $"must hold between 1 and {bounds.MaxScheduleLength} delays"));
            }

            for (var i = 0; i < schedule.Count; i++)
            {
                CheckDelay(errors, string.Create(CultureInfo.InvariantCulture, $"schedule[{i}]"), schedule[i], minSeconds, maxSeconds);
            }
        }
        else if (exponential)
        {
            ValidateExponential(errors, policy, bounds, minSeconds, maxSeconds);
        }
        else
        {
            errors.Add(new("schedule", "either schedule or initial_delay_seconds, factor and max_delay_seconds is required"));
        }

        return errors;
    }

    private static void ValidateExponential(
        List<RetryPolicyError> errors, SubscriptionRetryPolicy policy, RetryPolicyBounds bounds, long minSeconds, long maxSeconds)
    {
        if (policy.InitialDelaySeconds is not { } initial)
        {
            errors.Add(new("initial_delay_seconds", "is required for an exponential policy"));
        }
        else
        {
            CheckDelay(errors, "initial_delay_seconds", initial, minSeconds, maxSeconds);
        }

        if (policy.Factor is not { } factor)
        {
            errors.Add(new("factor", "is required for an exponential policy"));
        }
        else if (!double.IsFinite(factor) || factor < bounds.MinFactor || factor > bounds.MaxFactor)
        {
            errors.Add(new("factor", $"must be between {bounds.MinFactor.ToString(CultureInfo.InvariantCulture)} and {bounds.MaxFactor.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (policy.MaxDelaySeconds is not { } max)
        {
            errors.Add(new("max_delay_seconds", "is required for an exponential policy"));
        }
        else
        {
            CheckDelay(errors, "max_delay_seconds", max, minSeconds, maxSeconds);
            if (policy.InitialDelaySeconds is { } start && max < start)
            {
                errors.Add(new("max_delay_seconds", "must not be smaller than initial_delay_seconds"));
            }
        }
    }

    private static void CheckDelay(List<RetryPolicyError> errors, string field, long seconds, long minSeconds, long maxSeconds)
    {
        if (seconds < minSeconds || seconds > maxSeconds)
        {
            errors.Add(new(field, $"must be between {minSeconds} and {maxSeconds} seconds"));
        }
    }
}
