using System.Text.Json.Serialization;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// One client certificate for mutual TLS as stored: the certificate and its private key (PEM) sealed together like
/// signing secrets; its expiry, thumbprint and subject in clear (not secrets: they are shown and watched).
/// </summary>
internal sealed record ClientCertificate(
    [property: JsonPropertyName("pem")] string SealedPem,
    [property: JsonPropertyName("not_after")] DateTime NotAfter,
    [property: JsonPropertyName("thumbprint")] string Thumbprint,
    [property: JsonPropertyName("subject")] string Subject);
