using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending.Egress;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// The endpoint-authentication fields between the API and the stored subscription (ADR draft 27): secrets are sealed
/// with the subscription-secret key ring on the way in and never come back out; omitted fields keep what is stored.
/// </summary>
internal static class EgressAuthMapping
{
    public static void ApplyEgressAuth(this Subscription s, SubscriptionFields f, SecretProtector protector)
    {
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

    public static SubscriptionOAuth2Dto? OAuth2View(Subscription s)
        => s.OAuth2 is null || JsonSerializer.Deserialize<OAuth2Settings>(s.OAuth2) is not { } o
            ? null
            : new SubscriptionOAuth2Dto(o.TokenUrl, o.ClientId, o.Scopes, o.Audience);
}
