using System.Net;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>The target host resolves to an address deliveries must not reach; classified <c>E_INVALID_TARGET</c>.</summary>
internal sealed class ForbiddenTargetException : Exception
{
    public ForbiddenTargetException(string host, IPAddress address, string range)
        : base($"URL resolves to a forbidden IP: '{host}' → {address} ({range}).")
    {
        Host = host;
        Address = address;
    }

    public string Host { get; }

    public IPAddress Address { get; }
}
