namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>What create and full-replace update both carry, so one validator checks both.</summary>
internal interface ISubscriptionFields
{
    Guid ApplicationId { get; }
    bool IsEnabled { get; }
    IReadOnlyList<string> EventTypes { get; }
    string? Description { get; }
    IReadOnlyDictionary<string, string> Metadata { get; }
    /// <summary>The labels to match, resolved from <c>labels</c> or from the legacy pair.</summary>
    IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Set only when the labels came from the legacy <c>label_key</c>/<c>label_value</c> pair.</summary>
    string? LabelKey { get; }

    string? LabelValue { get; }
    string Method { get; }
    string Url { get; }
    IReadOnlyDictionary<string, string> Headers { get; }
    IReadOnlyList<string>? DedicatedWorkers { get; }

    /// <summary>Our addition: absent (Undefined) keeps the stored policy, null resets it, an object sets it.</summary>
    System.Text.Json.JsonElement RetryPolicy { get; }

    /// <summary>Our addition, with the same absent/null/value semantics.</summary>
    System.Text.Json.JsonElement MaxConcurrency { get; }

    System.Text.Json.JsonElement RateLimitPerSecond { get; }

    /// <summary>Our addition (ADR 0008): <c>"hook0"</c>, <c>"standard"</c> or <c>"both"</c>; null resets to both.</summary>
    System.Text.Json.JsonElement SignatureSchemes { get; }

    /// <summary>Our addition (ADR 0008): true adds <c>v1a</c> Ed25519 signatures; null or false removes them.</summary>
    System.Text.Json.JsonElement AsymmetricSignatures { get; }
}
