using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// <c>EGRESS_PROXIES</c> and <c>EGRESS_DEFAULT_PROXY</c>, parsed once at start-up: a malformed list stops the start
/// (a typo must not silently send deliveries directly). Error messages name the entry, never its credentials.
/// </summary>
internal sealed partial class EgressProxies
{
    /// <summary>A subscription's <c>proxy</c> value that bypasses the default proxy.</summary>
    public const string Direct = "direct";

    private readonly Dictionary<string, EgressProxy> _byName = new(StringComparer.Ordinal);

    public EgressProxies(IOptions<EgressOptions> options)
    {
        foreach (var entry in (options.Value.Proxies ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var proxy = Parse(entry);
            if (!_byName.TryAdd(proxy.Name, proxy))
            {
                throw new InvalidOperationException($"EGRESS_PROXIES: the name '{proxy.Name}' is defined twice.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Value.DefaultProxy))
        {
            Default = Find(options.Value.DefaultProxy.Trim())
                      ?? throw new InvalidOperationException($"EGRESS_DEFAULT_PROXY: '{options.Value.DefaultProxy}' is not a name defined in EGRESS_PROXIES.");
        }
    }

    public EgressProxy? Default { get; }

    public IEnumerable<string> Names => _byName.Keys;

    public EgressProxy? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True for a name a subscription may choose: a defined proxy or <see cref="Direct"/>.</summary>
    public bool IsChoosable(string name) => name == Direct || _byName.ContainsKey(name);

    /// <summary>The proxy an attempt goes through: the subscription's choice, else the default; null for direct.</summary>
    public EgressProxy? For(string? chosen) => chosen switch
    {
        null => Default,
        Direct => null,
        _ => Find(chosen) ?? Default,
    };

    private static EgressProxy Parse(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? entry[..equals].Trim() : string.Empty;
        if (!NamePattern().IsMatch(name) || name == Direct)
        {
            throw new InvalidOperationException($"EGRESS_PROXIES: each entry must be name=http://host:port with a name of 1 to 50 characters among a-z 0-9 _ - (and not '{Direct}').");
        }

        if (!Uri.TryCreate(entry[(equals + 1)..].Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || string.IsNullOrEmpty(url.Host)
            || url.AbsolutePath != "/" || url.Query.Length > 0)
        {
            throw new InvalidOperationException($"EGRESS_PROXIES: the proxy '{name}' must be an http://[user:password@]host:port URL.");
        }

        NetworkCredential? credentials = null;
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            credentials = colon < 0
                ? new NetworkCredential(Uri.UnescapeDataString(url.UserInfo), string.Empty)
                : new NetworkCredential(Uri.UnescapeDataString(url.UserInfo[..colon]), Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]));
        }

        return new EgressProxy(name, url.IdnHost, url.Port, credentials);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,50}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NamePattern();
}
