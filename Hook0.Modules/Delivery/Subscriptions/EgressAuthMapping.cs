using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending.Egress;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// The endpoint-authentication fields between the API and the stored subscription (ADR 0031): secrets are sealed
/// with the subscription-secret key ring on the way in and never come back out; omitted fields keep what is stored.
/// </summary>
internal static class EgressAuthMapping
{
    public static void ApplyEgressAuth(this Subscription s, SubscriptionFields f, SecretProtector protector, DateTime now)
    {
        if (f.ServerCaPem.ValueKind != JsonValueKind.Undefined)
        {
            s.ServerCaPem = f.ServerCaPem.ValueKind == JsonValueKind.Null ? null : f.ServerCaPem.GetString()!.Trim() + "\n";
        }

        if (f.ClientCertificates.ValueKind == JsonValueKind.Null)
        {
            s.ClientCertificates = null;
        }
        else if (f.ClientCertificates.ValueKind != JsonValueKind.Undefined)
        {
            s.ClientCertificates = JsonSerializer.Serialize(Certificates(s, f.ClientCertificates, protector, now));
        }

        if (f.OAuth2.ValueKind == JsonValueKind.Null)
        {
            s.OAuth2 = null;
        }
        else if (f.OAuth2.ValueKind != JsonValueKind.Undefined)
        {
            var input = OAuth2Input.Read(f.OAuth2, []) ?? throw new InvalidOperationException("oauth2 is validated before it is applied.");
            s.OAuth2 = JsonSerializer.Serialize(new OAuth2Settings(input.TokenUrl, input.ClientId, protector.Protect(input.ClientSecret), input.Scopes, input.Audience));
        }
    }

    private static List<ClientCertificate> Certificates(Subscription s, JsonElement value, SecretProtector protector, DateTime now)
    {
        var stored = Stored(s);
        var entries = ClientCertificatesInput.Read(value, now, []) ?? throw new InvalidOperationException("client_certificates are validated before they are applied.");
        var result = new List<ClientCertificate>();
        foreach (var entry in entries)
        {
            using var certificate = entry.Certificate;
            if (entry.KeepThumbprint is { } thumbprint)
            {
                result.Add(stored.FirstOrDefault(c => c.Thumbprint == thumbprint)
                    ?? throw ValidationProblem.ForField("client_certificates", "client-certificate", $"no stored certificate has the thumbprint {thumbprint}"));
            }
            else
            {
                result.Add(new ClientCertificate(protector.Protect(entry.Pem!), certificate!.NotAfter.ToUniversalTime(), certificate.Thumbprint, certificate.Subject));
            }
        }

        return [.. result.DistinctBy(c => c.Thumbprint).OrderByDescending(c => c.NotAfter)];
    }

    private static List<ClientCertificate> Stored(Subscription s)
        => s.ClientCertificates is null ? [] : JsonSerializer.Deserialize<List<ClientCertificate>>(s.ClientCertificates) ?? [];

    public static IReadOnlyList<ClientCertificateDto>? CertificatesView(Subscription s)
        => s.ClientCertificates is null ? null : [.. Stored(s).Select(c => new ClientCertificateDto(c.Subject, c.Thumbprint, DateTime.SpecifyKind(c.NotAfter, DateTimeKind.Utc)))];

    public static SubscriptionOAuth2Dto? OAuth2View(Subscription s)
        => s.OAuth2 is null || JsonSerializer.Deserialize<OAuth2Settings>(s.OAuth2) is not { } o
            ? null
            : new SubscriptionOAuth2Dto(o.TokenUrl, o.ClientId, o.Scopes, o.Audience);
}
