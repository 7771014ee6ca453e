using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// A subscription's <c>client_certificates</c> member as sent (ADR 0031): at most two (the second during a
/// rotation), each either a new certificate with its private key (PEM, write-only) or <c>{"thumbprint": …}</c> naming a
/// stored one to keep (its key is never sent back, so a rotation need not re-send it).
/// </summary>
internal static class ClientCertificatesInput
{
    public const int MaxCertificates = 2;
    private const int MaxPemChars = 16 * 1024;

    /// <summary>One entry: a new pair (<see cref="Pem"/> holds certificate and key) or a stored one kept by thumbprint.</summary>
    public sealed record Entry(string? KeepThumbprint, string? Pem, X509Certificate2? Certificate);

    /// <summary>The entries, or null with <paramref name="errors"/> filled (field, message) when malformed.</summary>
    /// <remarks>The certificates returned are the caller's to dispose.</remarks>
    public static List<Entry>? Read(JsonElement value, DateTime now, List<(string Field, string Message)> errors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is < 1 or > MaxCertificates)
        {
            errors.Add(("client_certificates", $"must be a list of 1 to {MaxCertificates} certificates, or null"));
            return null;
        }

        var entries = new List<Entry>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"client_certificates[{i++}]";
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("thumbprint", out var thumbprint) && thumbprint.ValueKind == JsonValueKind.String
                && thumbprint.GetString() is { Length: >= 1 and <= 128 } kept)
            {
                entries.Add(new Entry(kept.ToUpperInvariant(), null, null));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object || !Pem(item, "certificate", out var certificate) || !Pem(item, "private_key", out var key))
            {
                errors.Add((field, $"must be {{\"certificate\": PEM, \"private_key\": PEM}} (each at most {MaxPemChars} characters) or {{\"thumbprint\": …}} of a stored one"));
                continue;
            }

            try
            {
                var parsed = X509Certificate2.CreateFromPem(certificate, key);
                if (parsed.NotAfter.ToUniversalTime() <= now)
                {
                    errors.Add((field, $"the certificate expired on {parsed.NotAfter.ToUniversalTime():u}"));
                    parsed.Dispose();
                    continue;
                }

                entries.Add(new Entry(null, $"{certificate.Trim()}\n{key.Trim()}\n", parsed));
            }
            catch (CryptographicException)
            {
                // The parser's message is not echoed: it could quote the key material.
                errors.Add((field, "the certificate and private key must be PEM (CERTIFICATE, and PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, unencrypted) and belong together"));
            }
            catch (ArgumentException)
            {
                errors.Add((field, "the certificate and private key must be PEM (CERTIFICATE, and PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY, unencrypted) and belong together"));
            }
        }

        if (errors.Count > 0)
        {
            entries.ForEach(e => e.Certificate?.Dispose());
            return null;
        }

        return entries;
    }

    /// <summary>The CA bundle pinning the receiver's certificate: at least one PEM certificate, at most 64 KiB.</summary>
    public static X509Certificate2Collection? ReadCaBundle(JsonElement value, List<(string Field, string Message)> errors)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: >= 1 and <= 64 * 1024 } pem)
            {
                bundle.ImportFromPem(pem);
            }
        }
        catch (CryptographicException)
        {
            bundle.Clear();
        }

        if (bundle.Count == 0)
        {
            errors.Add(("server_ca_pem", "must be a PEM bundle of one or more CERTIFICATE blocks (at most 65536 characters), or null"));
            return null;
        }

        return bundle;
    }

    private static bool Pem(JsonElement item, string name, out string pem)
    {
        pem = item.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString()! : string.Empty;
        return pem.Length is >= 1 and <= MaxPemChars;
    }
}
