using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>
/// Addresses a delivery must never connect to (reference §5.6): everything that is not globally
/// routable, so a subscription cannot aim the worker at the host, its network or cloud metadata.
/// </summary>
internal static class ForbiddenAddresses
{
    private static readonly (IPNetwork Network, string Name)[] IPv4Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "this network"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (incl. broadcast)"),
    ];

    // Inside the forbidden ::/8; the embedded IPv4 address decides instead.
    private static readonly IPNetwork Nat64WellKnown = IPNetwork.Parse("64:ff9b::/96");

    // Inside the forbidden 2001::/23, but globally routable (IANA special-purpose registry).
    private static readonly IPNetwork[] GlobalCarveOuts =
    [
        IPNetwork.Parse("2001:1::1/128"),
        IPNetwork.Parse("2001:1::2/128"),
        IPNetwork.Parse("2001:1::3/128"),
        IPNetwork.Parse("2001:3::/32"),
        IPNetwork.Parse("2001:4:112::/48"),
        IPNetwork.Parse("2001:20::/28"),
        IPNetwork.Parse("2001:30::/28"),
    ];

    private static readonly (IPNetwork Network, string Name)[] IPv6Ranges =
    [
        // Unspecified, loopback, IPv4-mapped, IPv4-compatible, IPv4-translated and the rest of 64:ff9b::/32.
        (IPNetwork.Parse("::/8"), "reserved ::/8 (loopback, IPv4-embedding)"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments (incl. Teredo)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("2002::/16"), "6to4"),
        (IPNetwork.Parse("3fff::/20"), "documentation"),
        (IPNetwork.Parse("5f00::/16"), "segment routing (SRv6)"),
        (IPNetwork.Parse("fc00::/7"), "unique local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    public static bool IsForbidden(IPAddress address) => IsForbidden(address, out _);

    /// <remarks><paramref name="range"/> names the forbidden range, for the attempt's error message.</remarks>
    public static bool IsForbidden(IPAddress address, [NotNullWhen(true)] out string? range)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => Match(IPv4Ranges, address, out range),
            AddressFamily.InterNetworkV6 => IsForbiddenIPv6(address, out range),
            _ => Unknown(out range),
        };
    }

    private static bool IsForbiddenIPv6(IPAddress address, [NotNullWhen(true)] out string? range)
    {
        // Checked by hand: IPNetwork.Contains unwraps IPv4-mapped addresses, so ::/8 never matches them,
        // yet a dual-mode socket connects to ::ffff:127.0.0.1 as to 127.0.0.1.
        if (address.IsIPv4MappedToIPv6)
        {
            range = "IPv4-mapped";
            return true;
        }

        if (Nat64WellKnown.Contains(address))
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return Match(IPv4Ranges, new IPAddress(bytes[12..]), out range);
        }

        foreach (var carveOut in GlobalCarveOuts)
        {
            if (carveOut.Contains(address))
            {
                range = null;
                return false;
            }
        }

        return Match(IPv6Ranges, address, out range);
    }

    private static bool Match((IPNetwork Network, string Name)[] ranges, IPAddress address, [NotNullWhen(true)] out string? range)
    {
        foreach (var (network, name) in ranges)
        {
            if (network.Contains(address))
            {
                range = name;
                return true;
            }
        }

        range = null;
        return false;
    }

    private static bool Unknown(out string range)
    {
        range = "not an IP address family";
        return true;
    }
}
