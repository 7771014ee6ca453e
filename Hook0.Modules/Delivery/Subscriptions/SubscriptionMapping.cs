using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Domain;

namespace Hook0.Modules.Delivery.Subscriptions;

internal static class SubscriptionMapping
{
    public static SubscriptionDto ToDto(this Subscription s)
    {
        // Legacy fields: upstream reports the first label (an arbitrary pick), or empty strings.
        var first = s.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
        return new SubscriptionDto(
            s.ApplicationId,
            s.Id,
            s.IsEnabled,
            [.. s.EventTypes.Select(e => e.EventTypeName).Concat(s.EventTypePatterns.Select(p => p.Pattern)).Order(StringComparer.Ordinal)],
            s.Description,
            s.Secret,
            s.Metadata,
            first.Key ?? string.Empty,
            first.Value ?? string.Empty,
            s.Labels,
            new SubscriptionTargetDto("http", s.TargetMethod, s.TargetUrl, s.TargetHeaders),
            s.CreatedAt,
            s.UpdatedAt,
            s.DedicatedWorkers,
            s.IsPaused,
            s.RetryPolicy is null ? null : JsonDocument.Parse(s.RetryPolicy).RootElement.Clone(),
            s.MaxConcurrency,
            s.RateLimitPerSecond);
    }

    /// <summary>Copies validated fields onto the entity (create and full-replace update).</summary>
    public static void Apply(this Subscription s, ISubscriptionFields f, DateTime now)
    {
        s.ApplicationId = f.ApplicationId;
        s.IsEnabled = f.IsEnabled;
        s.Description = f.Description;
        s.Metadata = new Dictionary<string, string>(f.Metadata, StringComparer.Ordinal);
        s.Labels = new Dictionary<string, string>(f.Labels, StringComparer.Ordinal);
        s.TargetMethod = f.Method;
        s.TargetUrl = f.Url;
        // Header names are case-insensitive; upstream returns them lower-cased.
        s.TargetHeaders = f.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        s.DedicatedWorkers = [.. f.DedicatedWorkers ?? []];
        var entries = f.EventTypes.Distinct(StringComparer.Ordinal).ToList();
        s.EventTypes.Clear();
        s.EventTypes.AddRange(entries.Where(e => !EventTypePatterns.IsPattern(e))
            .Select(n => new SubscriptionEventType { SubscriptionId = s.Id, EventTypeName = n }));
        s.EventTypePatterns.Clear();
        s.EventTypePatterns.AddRange(entries.Where(EventTypePatterns.IsPattern)
            .Select(p => new SubscriptionEventTypePattern { SubscriptionId = s.Id, Pattern = p, Regex = EventTypePatterns.ToRegex(p) }));
        if (f.RetryPolicy.ValueKind != JsonValueKind.Undefined)
        {
            s.RetryPolicy = f.RetryPolicy.ValueKind == JsonValueKind.Null ? null : f.RetryPolicy.GetRawText();
        }

        if (f.MaxConcurrency.ValueKind != JsonValueKind.Undefined)
        {
            s.MaxConcurrency = f.MaxConcurrency.ValueKind == JsonValueKind.Null ? null : f.MaxConcurrency.GetInt32();
        }

        if (f.RateLimitPerSecond.ValueKind != JsonValueKind.Undefined)
        {
            s.RateLimitPerSecond = f.RateLimitPerSecond.ValueKind == JsonValueKind.Null ? null : f.RateLimitPerSecond.GetInt32();
        }

        s.UpdatedAt = now;
    }
}
