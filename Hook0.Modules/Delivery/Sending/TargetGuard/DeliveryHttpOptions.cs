namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>Connection settings of the shared delivery handler (reference Appendix B names in brackets).</summary>
internal sealed record DeliveryHttpOptions
{
    /// <summary><c>CONNECT_TIMEOUT</c>: resolving and connecting together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>DNS_TIMEOUT</c>: budget for resolving the target host.</summary>
    public TimeSpan DnsTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>DISABLE_TARGET_IP_CHECK</c>: lets deliveries reach private and loopback addresses. Only for local
    /// development and tests; it turns the worker into an open proxy into its own network.
    /// </summary>
    public bool DisableTargetIpCheck { get; init; }

    /// <summary>How long a pooled connection is reused; bounds how long a DNS change goes unnoticed.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an unused pooled connection is kept open.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
