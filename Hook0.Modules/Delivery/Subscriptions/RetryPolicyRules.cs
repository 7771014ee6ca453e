using System.Text.Json;
using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>Checks a subscription's <c>retry_policy</c> against the instance-wide bounds.</summary>
internal static class RetryPolicyRules
{
    public static IEnumerable<(string Field, string Message)> Check(JsonElement policy)
    {
        if (policy.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        SubscriptionRetryPolicy? parsed;
        try
        {
            parsed = policy.ValueKind == JsonValueKind.Object ? policy.Deserialize<SubscriptionRetryPolicy>() : null;
        }
        catch (JsonException e)
        {
            return [("retry_policy", $"is not a valid retry policy: {e.Message}")];
        }

        return parsed is null
            ? [("retry_policy", "must be an object or null")]
            : RetryPolicyValidator.Validate(parsed, new RetryPolicyBounds()).Select(e => ($"retry_policy.{e.Field}", e.Message));
    }
}
