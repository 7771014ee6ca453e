using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending.Signing;

namespace Hook0.Modules.Delivery.Subscriptions;

internal static class SubscriptionMapping
{
    /// <remarks><paramref name="s"/> is loaded with its <see cref="Subscription.Secrets"/>; <paramref name="transitions"/>
    /// are its latest health transitions, newest first; without <paramref name="protector"/> (a caller who
    /// may not see the secrets) they are not even opened.</remarks>
    public static SubscriptionDto ToDto(this Subscription s, SecretProtector? protector, IReadOnlyList<HealthTransition> transitions, DateTime now,
        DeliveryLane? lane = null)
    {
        // Oldest first: the oldest valid secret is the one X-Hook0-Signature uses.
        var secrets = s.Secrets.Where(k => k.Kind == SubscriptionSecret.Hmac && (k.ExpiresAt is null || k.ExpiresAt > now))
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
            .Select(k => (Key: k, Text: protector?.Unprotect(k.ProtectedValue) ?? string.Empty))
            .ToList();
        if (secrets.Count == 0 && s.LegacySecret is { } legacy)
        {
            secrets.Add((new SubscriptionSecret { Kind = SubscriptionSecret.Hmac, ProtectedValue = string.Empty, CreatedAt = s.CreatedAt }, legacy.ToString("D")));
        }

        var publicKey = s.Secrets.Where(k => k.Kind == SubscriptionSecret.Ed25519).OrderByDescending(k => k.CreatedAt).FirstOrDefault()?.PublicKey;
        // Legacy fields: upstream reports the first label (an arbitrary pick), or empty strings.
        var first = s.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
        return new SubscriptionDto(
            s.ApplicationId,
            s.Id,
            s.IsEnabled,
            [.. s.EventTypes.Select(e => e.EventTypeName).Concat(s.EventTypePatterns.Select(p => p.Pattern)).Order(StringComparer.Ordinal)],
            s.Description,
            protector is null ? null : Guid.Parse(secrets[0].Text),
            s.Metadata,
            first.Key ?? string.Empty,
            first.Value ?? string.Empty,
            s.Labels,
            new SubscriptionTargetDto(s.TargetType, s.TargetMethod, s.TargetUrl, s.TargetHeaders),
            s.CreatedAt,
            s.UpdatedAt,
            s.DedicatedWorkers,
            s.IsPaused,
            s.RetryPolicy is null ? null : JsonDocument.Parse(s.RetryPolicy).RootElement.Clone(),
            s.MaxConcurrency,
            s.RateLimitPerSecond,
            s.SignatureSchemes,
            protector is null ? null : SecretFormats.StandardSecret(secrets[^1].Text),
            protector is null ? null : [.. secrets.AsEnumerable().Reverse().Select(k => new SubscriptionSecretDto(k.Text, SecretFormats.StandardSecret(k.Text), k.Key.CreatedAt, k.Key.ExpiresAt))],
            publicKey is null ? null : SecretFormats.PublicKey(publicKey),
            new SubscriptionHealthDto(s.HealthState, s.HealthReason, s.HealthChangedAt, s.FailingSince,
                [.. transitions.Select(t => new HealthTransitionDto(t.FromState, t.ToState, t.Reason, t.OccurredAt))]),
            s.CircuitBreakerThreshold ?? Protection.CircuitBreaker.DefaultThreshold,
            CircuitOf(lane, now),
            lane?.AdaptiveRatePerSecond is { } rate ? Math.Round(rate, 2) : null)
        {
            Proxy = s.Proxy,
            OAuth2 = EgressAuthMapping.OAuth2View(s),
            ClientCertificates = EgressAuthMapping.CertificatesView(s),
            ClientCertificateExpiresAt = EgressAuthMapping.CertificatesView(s)?.Max(c => c.ExpiresAt),
            ServerCaPem = s.ServerCaPem,
        };
    }

    /// <summary>The circuit as shown: closed when the lane holds nothing (or there is no lane).</summary>
    private static SubscriptionCircuitDto CircuitOf(DeliveryLane? lane, DateTime now)
    {
        if (lane is null)
        {
            return new SubscriptionCircuitDto(Protection.CircuitPhases.Closed, null, null, 0, null);
        }

        var open = lane.CircuitState is not null;
        var state = new Protection.CircuitState(open, lane.ConsecutiveFailures, lane.CircuitOpens, lane.CircuitChangedAt, open ? lane.HeldUntil : null, lane.CircuitReason);
        return new SubscriptionCircuitDto(state.Phase(now), open ? lane.CircuitReason : null, lane.CircuitChangedAt, lane.ConsecutiveFailures,
            open ? lane.HeldUntil : null);
    }

    /// <summary>Adds an Ed25519 key when asked and none exists; removes it on false or null; keeps it when omitted.</summary>
    public static void ApplyAsymmetricSignatures(this Subscription s, JsonElement requested, SigningKeyFactory keys, DeliveryDbContext db, DateTime now)
    {
        if (requested.ValueKind == JsonValueKind.True)
        {
            if (!s.Secrets.Any(k => k.Kind == SubscriptionSecret.Ed25519))
            {
                // Added through the set: a new row whose key is already set would otherwise be taken for an existing one.
                db.SubscriptionSecrets.Add(keys.NewEd25519Key(s.Id, now));
            }
        }
        else if (requested.ValueKind is JsonValueKind.False or JsonValueKind.Null)
        {
            s.Secrets.RemoveAll(k => k.Kind == SubscriptionSecret.Ed25519);
        }
    }

    /// <summary>Copies validated fields onto the entity (create and full-replace update).</summary>
    public static void Apply(this Subscription s, SubscriptionFields f, DateTime now)
    {
        s.ApplicationId = f.ApplicationId;
        s.IsEnabled = f.IsEnabled;
        s.Description = f.Description;
        s.Metadata = new Dictionary<string, string>(f.Metadata, StringComparer.Ordinal);
        s.Labels = new Dictionary<string, string>(f.Labels, StringComparer.Ordinal);
        s.TargetType = f.TargetType;
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

        if (f.CircuitBreakerThreshold.ValueKind != JsonValueKind.Undefined)
        {
            s.CircuitBreakerThreshold = f.CircuitBreakerThreshold.ValueKind == JsonValueKind.Null ? null : f.CircuitBreakerThreshold.GetInt32();
        }

        if (f.SignatureSchemes.ValueKind != JsonValueKind.Undefined)
        {
            s.SignatureSchemes = f.SignatureSchemes.ValueKind == JsonValueKind.Null ? SignatureSchemeNames.Both : f.SignatureSchemes.GetString()!;
        }

        if (f.Proxy.ValueKind != JsonValueKind.Undefined)
        {
            s.Proxy = f.Proxy.ValueKind == JsonValueKind.Null ? null : f.Proxy.GetString();
        }

        s.UpdatedAt = now;
    }
}
