namespace Hook0.Modules.Delivery.Domain;

/// <summary>Where and how an application's matching events are delivered.</summary>
internal sealed class Subscription
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public bool IsEnabled { get; set; }
    public string? Description { get; set; }

    /// <summary>The HMAC signing secret (upstream: a random UUID, returned on every read).</summary>
    public Guid Secret { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public Dictionary<string, string> Labels { get; set; } = [];
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
    public List<SubscriptionEventType> EventTypes { get; } = [];
    public List<SubscriptionEventTypePattern> EventTypePatterns { get; } = [];
}
