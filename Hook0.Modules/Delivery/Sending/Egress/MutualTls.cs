using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>The TLS side of a subscription's egress profile: client certificates to present and a pinned CA to trust.</summary>
internal static class MutualTls
{
    /// <param name="pems">Each certificate with its private key (PEM, opened), or null; newest expiry first.</param>
    /// <param name="serverCaPem">CA bundle the receiver's chain must end in (instead of the system's roots), or null.</param>
    public static SslClientAuthenticationOptions ClientOptions(IReadOnlyList<string>? pems, string? serverCaPem)
    {
        var options = new SslClientAuthenticationOptions();
        if (pems is { Count: > 0 })
        {
            var certificates = pems.Select(pem => X509Certificate2.CreateFromPem(pem, pem)).ToList();
            // During a rotation two are held: the one the receiver names an acceptable issuer for, else the newest.
            options.LocalCertificateSelectionCallback = (_, _, _, _, acceptableIssuers) =>
                certificates.FirstOrDefault(c => acceptableIssuers.Contains(c.Issuer, StringComparer.Ordinal)) ?? certificates[0];
        }

        if (serverCaPem is not null)
        {
            var pinned = new X509Certificate2Collection();
            pinned.ImportFromPem(serverCaPem);
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ChainsToPinned(certificate, chain, errors, pinned);
        }

        return options;
    }

    /// <summary>The receiver's certificate names the host and chains to one of the pinned CAs (the system's roots do not count).</summary>
    private static bool ChainsToPinned(X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors, X509Certificate2Collection pinned)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(pinned);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var element in sent?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate); // intermediates the receiver sent
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
