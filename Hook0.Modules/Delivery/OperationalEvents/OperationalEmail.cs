using System.Text.Json;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>Which operational events are also e-mailed to the editors: the subscription health ones (give-ups and rotations would be noise).</summary>
internal static class OperationalEmail
{
    public static EmailSubscriptionHealthCommand? For(string eventType, string data, Guid organizationId)
    {
        if (eventType is not (OperationalEventTypes.SubscriptionFailing or OperationalEventTypes.SubscriptionDisabled or OperationalEventTypes.SubscriptionRecovered))
        {
            return null;
        }

        using var document = JsonDocument.Parse(data);
        var d = document.RootElement;
        return new EmailSubscriptionHealthCommand(organizationId, d.GetProperty("application_id").GetGuid(), d.GetProperty("subscription_id").GetGuid(),
            d.GetProperty("to").GetString()!, d.TryGetProperty("description", out var description) ? description.GetString() : null,
            d.GetProperty("target_url").GetString()!, d.GetProperty("reason").GetString()!);
    }
}
