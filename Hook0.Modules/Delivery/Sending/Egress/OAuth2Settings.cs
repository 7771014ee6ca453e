using System.Text.Json.Serialization;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>A subscription's OAuth2 client-credentials grant as stored: the client secret sealed like signing secrets.</summary>
internal sealed record OAuth2Settings(
    [property: JsonPropertyName("token_url")] string TokenUrl,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string SealedClientSecret,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("audience")] string? Audience);
