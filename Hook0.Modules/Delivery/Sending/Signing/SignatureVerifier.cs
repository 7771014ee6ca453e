using System.Security.Cryptography;
using System.Text;

namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>
/// Receiver-side check of a Hook0 signature, with the rules of the reference SDK (§10.2): v1 when
/// present, else v0, never falling back from a wrong v1 to v0; covered headers must have arrived;
/// the moment must lie within the tolerance on either side of now.
/// </summary>
internal static class SignatureVerifier
{
    /// <remarks><paramref name="deliveredHeader"/> returns a received header's value by lower-case name, or null when absent.</remarks>
    public static SignatureVerdict Verify(
        string signatureHeader,
        ReadOnlySpan<byte> payload,
        Func<string, string?> deliveredHeader,
        string secret,
        DateTimeOffset now,
        TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(deliveredHeader);
        ArgumentNullException.ThrowIfNull(secret);

        var parsing = ParsedSignature.Read(signatureHeader, out var signature);
        if (signature is null)
        {
            return parsing;
        }

        var key = Encoding.UTF8.GetBytes(secret);
        byte[] expected, offered;
        if (signature.V1 is not null)
        {
            var values = new List<string>(signature.HeaderNames.Count);
            foreach (var name in signature.HeaderNames)
            {
                // Refused before hashing: computing over an absent value would let a relay strip a header.
                if (deliveredHeader(name) is not { } value)
                {
                    return SignatureVerdict.HeaderNotDelivered;
                }

                values.Add(value);
            }

            var prefix = $"{signature.TimestampText}.{string.Join(' ', signature.HeaderNames)}.{string.Join('.', values)}.";
            expected = SignatureCode.ComputeBytes(key, prefix, payload);
            offered = signature.V1;
        }
        else
        {
            expected = SignatureCode.ComputeBytes(key, $"{signature.TimestampText}.", payload);
            offered = signature.V0!;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, offered))
        {
            return SignatureVerdict.CodeMismatch;
        }

        var age = Math.Abs((decimal)now.ToUnixTimeSeconds() - signature.Timestamp);
        return age <= (decimal)tolerance.TotalSeconds ? SignatureVerdict.Accepted : SignatureVerdict.OutsideTolerance;
    }
}
