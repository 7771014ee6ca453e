using System.Globalization;
using System.Text;

namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>Computes the <c>X-Hook0-Signature</c> header value (reference §5.4).</summary>
internal static class Hook0Signer
{
    /// <summary>Signs with the subscription secret as Hook0 keys it: the UUID's lowercase hyphenated text.</summary>
    public static SigningResult Sign(
        Guid secret,
        DateTimeOffset signedAt,
        IReadOnlyCollection<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> payload,
        SignatureVersions versions) =>
        Sign(secret.ToString("D"), signedAt, headers, payload, versions);

    /// <remarks><paramref name="headers"/> holds every header the request will carry besides the signature
    /// itself (see <see cref="DeliveryHeaders.Compose"/>); names are matched case-insensitively and must be unique.</remarks>
    public static SigningResult Sign(
        string secret,
        DateTimeOffset signedAt,
        IReadOnlyCollection<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> payload,
        SignatureVersions versions)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(headers);
        if (versions == SignatureVersions.None)
        {
            throw new ArgumentException("At least one signature version must be enabled.", nameof(versions));
        }

        var covered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (!covered.TryAdd(name.ToLowerInvariant(), value))
            {
                throw new ArgumentException($"Header '{name}' is present more than once.", nameof(headers));
            }
        }

        // Checked even when only v0 is enabled: the value would be refused on the wire anyway, and the
        // outcome of an attempt must not depend on which signature versions happen to be configured.
        if (FirstInvalidHeader(covered) is { } invalid)
        {
            return SigningResult.InvalidHeader(invalid);
        }

        var key = Encoding.UTF8.GetBytes(secret);
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var header = new StringBuilder("t=").Append(timestamp);

        if (versions.HasFlag(SignatureVersions.V0))
        {
            header.Append(",v0=").Append(SignatureCode.Compute(key, $"{timestamp}.", payload));
        }

        if (versions.HasFlag(SignatureVersions.V1))
        {
            var names = string.Join(' ', covered.Keys);
            var prefix = $"{timestamp}.{names}.{string.Join('.', covered.Values)}.";
            header.Append(",h=").Append(names).Append(",v1=").Append(SignatureCode.Compute(key, prefix, payload));
        }

        return SigningResult.Signed(header.ToString());
    }

    /// <summary>
    /// The first header whose value cannot be signed or sent, or null. Deliveries that carry no Hook0
    /// signature check this too, so an attempt's outcome never depends on the schemes chosen.
    /// </summary>
    public static string? FirstInvalidHeader(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!IsVisibleAscii(value))
            {
                return name;
            }
        }

        return null;
    }

    // Hook0 reads values with the http crate's `to_str`, which accepts tab and 0x20..0x7E only.
    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c != '\t' && (c < ' ' || c > '~'))
            {
                return false;
            }
        }

        return true;
    }
}
