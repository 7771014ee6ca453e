using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Assistant.Calls;

/// <summary>
/// A subscription as the assistant sees it: the API's shape without the signing secrets and with the target's header values
/// masked (they often carry an API key). An assistant needs neither to reason about deliveries, and what it reads may leave
/// the machine (to a model provider), where a secret must not go.
/// </summary>
internal static class SubscriptionView
{
    public const string Mask = "***";

    public static JsonNode? Of(SubscriptionDto subscription)
    {
        var node = ToolRunner.Json(subscription)!.AsObject();
        node.Remove("secret");
        node.Remove("standard_secret");
        node.Remove("secrets");
        if (node["target"]?["headers"] is JsonObject headers)
        {
            foreach (var name in headers.Select(h => h.Key).ToList())
            {
                headers[name] = Mask;
            }
        }

        return node;
    }
}
