using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>Certificates made in the test with <see cref="CertificateRequest"/>: CAs, a receiver's and clients'.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    }

    /// <summary>A server certificate for 127.0.0.1 issued by <paramref name="authority"/>.</summary>
    public static X509Certificate2 Server(X509Certificate2 authority)
    {
        var builder = new SubjectAlternativeNameBuilder();
        builder.AddIpAddress(IPAddress.Loopback);
        return Issue(authority, "CN=receiver.test", builder.Build(), "1.3.6.1.5.5.7.3.1", DateTimeOffset.UtcNow.AddDays(30), out _);
    }

    /// <summary>A client certificate issued by <paramref name="authority"/>, with its certificate and key as PEM.</summary>
    public static X509Certificate2 Client(X509Certificate2 authority, string name, DateTimeOffset notAfter, out (string Certificate, string PrivateKey) pem)
        => Issue(authority, $"CN={name}", null, "1.3.6.1.5.5.7.3.2", notAfter, out pem);

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, X509Extension? san, string usage, DateTimeOffset notAfter,
        out (string Certificate, string PrivateKey) pem)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), notAfter, RandomNumberGenerator.GetBytes(12));
        pem = (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        return issued.CopyWithPrivateKey(key);
    }
}
