namespace Hook0.Modules.Delivery.Domain;

/// <summary>Where and how an application's matching events are delivered.</summary>
internal sealed class Subscription
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public bool IsEnabled { get; set; }
    public string? Description { get; set; }

    /// <summary>
    /// A secret stored in clear before secrets were encrypted at rest: moved into <see cref="Secrets"/>
    /// (and cleared) at start-up; null for every subscription created since.
    /// </summary>
    public Guid? LegacySecret { get; set; }

    /// <summary>Which signatures deliveries carry: <c>hook0</c>, <c>standard</c> or <c>both</c>.</summary>
    public string SignatureSchemes { get; set; } = Sending.Signing.SignatureSchemeNames.Both;

    /// <summary>Health state (healthy, degraded, failing, disabled) as last decided; see ADR 0008.</summary>
    public string HealthState { get; set; } = Health.HealthStates.Healthy;

    public string? HealthReason { get; set; }

    public DateTime? HealthChangedAt { get; set; }

    /// <summary>First failure since the last success (null while the latest delivery succeeded).</summary>
    public DateTime? FailingSince { get; set; }

    public DateTime? LastFailedAt { get; set; }

    /// <summary>The last success that ended a run of failures.</summary>
    public DateTime? RecoveredAt { get; set; }

    /// <summary>Signing secrets and keys, encrypted; several HMAC secrets only during a rotation's grace period.</summary>
    public List<SubscriptionSecret> Secrets { get; } = [];
    public Dictionary<string, string> Metadata { get; set; } = [];
    public Dictionary<string, string> Labels { get; set; } = [];
    /// <summary><c>http</c>, or <c>cli</c> (delivered over a <c>hook0 listen</c> session; its URL is empty).</summary>
    public string TargetType { get; set; } = "http";
    public required string TargetMethod { get; set; }
    public required string TargetUrl { get; set; }
    public Dictionary<string, string> TargetHeaders { get; set; } = [];
    public List<string> DedicatedWorkers { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Paused: attempts wait untouched and resume in order (beyond upstream's disable, which fails them).</summary>
    public bool IsPaused { get; set; }

    /// <summary>The subscription's own retry policy (JSON), or null for the instance schedule.</summary>
    public string? RetryPolicy { get; set; }

    /// <summary>At most this many deliveries in flight to this endpoint at once, across instances.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>At most this many deliveries started per second to this endpoint, across instances.</summary>
    public int? RateLimitPerSecond { get; set; }
    /// <summary>The <c>EGRESS_PROXIES</c> name deliveries go through; null: the instance default; <c>direct</c>: none (ADR 0031).</summary>
    public string? Proxy { get; set; }

    /// <summary>OAuth2 client credentials (JSON of <see cref="Sending.Egress.OAuth2Settings"/>, the client secret sealed), or null.</summary>
    public string? OAuth2 { get; set; }

    /// <summary>Client certificates for mutual TLS (JSON list of <see cref="Sending.Egress.ClientCertificate"/>, keys sealed), or null.</summary>
    public string? ClientCertificates { get; set; }

    /// <summary>PEM bundle the receiver's certificate must chain to (pinned CA), or null for the system's trust.</summary>
    public string? ServerCaPem { get; set; }

    /// <summary>Thumbprint of the client certificate whose coming expiry was last announced (announced once).</summary>
    public string? CertificateExpiryWarned { get; set; }

    /// <summary>Consecutive failures that open the circuit (null: the default, 10).</summary>
    public int? CircuitBreakerThreshold { get; set; }
    public List<SubscriptionEventType> EventTypes { get; } = [];
    public List<SubscriptionEventTypePattern> EventTypePatterns { get; } = [];
}
