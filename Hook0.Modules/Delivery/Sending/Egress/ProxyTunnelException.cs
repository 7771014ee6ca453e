namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>The proxy would not (or could not) open the tunnel; classified <c>E_CONNECTION</c>, retried like one.</summary>
internal sealed class ProxyTunnelException(string message) : IOException(message);
