using System.Text.Json;
using System.Text.Json.Serialization;
using Hook0.Modules.Delivery.Sending.Retrying;
using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>An attempt a worker holds, with everything needed to deliver it (no further read).</summary>
internal sealed record ClaimedAttempt
{
    /// <summary>Upstream's target type (the other is <c>cli</c>, <see cref="Listen.CliTarget"/>).</summary>
    public const string HttpTarget = "http";

    public required Guid AttemptId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid SubscriptionId { get; init; }
    public required Guid EventId { get; init; }
    public required string EventTypeName { get; init; }

    /// <summary>Upstream's <c>retry_count</c>: 0 for the first try.</summary>
    public required short AttemptNumber { get; init; }

    /// <summary>Claimed through its lane: its record frees its in-flight slot there.</summary>
    public required bool Metered { get; init; }

    /// <summary>
    /// Its lane's circuit is open (this is the probe) or its rate is reduced: a success is recorded with the lane's
    /// feedback (closing the circuit, raising the rate) instead of in a group.
    /// </summary>
    public bool Watched { get; init; }

    /// <summary>Consecutive failures that open the subscription's circuit.</summary>
    public int CircuitBreakerThreshold { get; init; } = Protection.CircuitBreaker.DefaultThreshold;

    /// <summary>False when the subscription was disabled or deleted after this attempt was queued (nothing is sent).</summary>
    public required bool SubscriptionLive { get; init; }

    /// <summary>The target's type: which <c>IDeliveryTarget</c> delivers it.</summary>
    public string TargetType { get; init; } = HttpTarget;
    public required string Method { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyDictionary<string, string> TargetHeaders { get; init; }
    public required string? LegacySecret { get; init; }
    public required string SignatureSchemes { get; init; }
    public required IReadOnlyList<SealedKey> Secrets { get; init; }
    public required SubscriptionRetryPolicy? RetryPolicy { get; init; }
    public required byte[] Payload { get; init; }

    /// <summary>The subscription's chosen proxy name (null: the instance default).</summary>
    public string? Proxy { get; init; }

    /// <summary>The subscription's OAuth2 client credentials (secret still sealed), or null.</summary>
    public Sending.Egress.OAuth2Settings? OAuth2 { get; init; }

    /// <summary>The subscription's client certificates for mutual TLS (sealed), or null.</summary>
    public IReadOnlyList<Sending.Egress.ClientCertificate>? ClientCertificates { get; init; }

    /// <summary>The CA bundle the receiver's certificate must chain to, or null for the system's trust.</summary>
    public string? ServerCaPem { get; init; }
    public required string PayloadContentType { get; init; }

    /// <summary>Reads the claim's row by column name; its JSON columns are parsed here and nowhere else.</summary>
    public static ClaimedAttempt Read(NpgsqlDataReader r)
    {
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        T? Json<T>(string column) where T : class => Text(column) is { } json ? JsonSerializer.Deserialize<T>(json) : null;
        return new ClaimedAttempt
        {
            AttemptId = r.GetGuid(r.GetOrdinal("request_attempt_id")),
            ApplicationId = r.GetGuid(r.GetOrdinal("application_id")),
            SubscriptionId = r.GetGuid(r.GetOrdinal("subscription_id")),
            EventId = r.GetGuid(r.GetOrdinal("event_id")),
            EventTypeName = r.GetString(r.GetOrdinal("event_type_name")),
            AttemptNumber = r.GetInt16(r.GetOrdinal("attempt_number")),
            Metered = r.GetBoolean(r.GetOrdinal("metered")),
            SubscriptionLive = r.GetBoolean(r.GetOrdinal("subscription_live")),
            TargetType = r.GetString(r.GetOrdinal("target_type")),
            Watched = r.GetBoolean(r.GetOrdinal("watched")),
            CircuitBreakerThreshold = r.GetInt32(r.GetOrdinal("circuit_breaker_threshold")),
            Method = r.GetString(r.GetOrdinal("target_method")),
            Url = r.GetString(r.GetOrdinal("target_url")),
            TargetHeaders = Json<Dictionary<string, string>>("target_headers") ?? [],
            LegacySecret = Text("secret"),
            SignatureSchemes = r.GetString(r.GetOrdinal("signature_schemes")),
            Secrets = Json<List<SealedKey>>("secrets") ?? [],
            RetryPolicy = Json<SubscriptionRetryPolicy>("retry_policy"),
            Payload = r.GetFieldValue<byte[]>(r.GetOrdinal("payload")),
            PayloadContentType = r.GetString(r.GetOrdinal("payload_content_type")),
            Proxy = Text("proxy"),
            OAuth2 = Json<Sending.Egress.OAuth2Settings>("oauth2"),
            ClientCertificates = Json<List<Sending.Egress.ClientCertificate>>("client_certificates"),
            ServerCaPem = Text("server_ca_pem"),
        };
    }
}

/// <summary>One of the subscription's valid secrets, still sealed (opened only to sign).</summary>
internal sealed record SealedKey([property: JsonPropertyName("k")] string Kind, [property: JsonPropertyName("p")] string ProtectedValue);
