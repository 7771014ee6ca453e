namespace Hook0.Client;

/// <summary>Where the API is and how to authenticate; bound by <c>AddHook0Client</c>.</summary>
public sealed class Hook0ClientOptions
{
    /// <summary>The server's root, e.g. <c>https://app.hook0.com/</c> (the routes add <c>/api/v1/…</c> themselves).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>An application secret or a service token (Biscuit); sent as <c>Authorization: Bearer</c>, never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The application events are sent to and event types are upserted in.</summary>
    public Guid ApplicationId { get; set; }

    /// <summary>Retries after a 429 or 503 (waiting what Retry-After says) or, for idempotent requests, a lost connection.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Each attempt's time limit (10 s, as the TypeScript SDK's).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new InvalidOperationException("Hook0ClientOptions.BaseAddress must be an absolute URI.");
        }

        if (string.IsNullOrWhiteSpace(Token))
        {
            throw new InvalidOperationException("Hook0ClientOptions.Token is required.");
        }
    }
}
