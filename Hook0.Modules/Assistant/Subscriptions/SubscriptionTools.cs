using System.ComponentModel;
using System.Text.Json.Nodes;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Delivery.Contracts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.Subscriptions;

[McpServerToolType]
internal sealed class SubscriptionTools(ToolRunner runner)
{
    [McpServerTool(Name = "list_subscriptions", Title = "List subscriptions", ReadOnly = true, OpenWorld = false)]
    [Description("The application's subscriptions: target, event types, labels, health, paused or enabled (GET /api/v1/subscriptions). Secrets are left out.")]
    public Task<CallToolResult> ListAsync(Guid applicationId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new ListSubscriptionsQuery(caller, applicationId), ct), cancellationToken,
            list => new JsonArray([.. list.Select(SubscriptionView.Of)]));

    [McpServerTool(Name = "get_subscription", Title = "Inspect a subscription", ReadOnly = true, OpenWorld = false)]
    [Description("One subscription with its health and latest health transitions (GET /api/v1/subscriptions/{id}). Secrets are left out.")]
    public Task<CallToolResult> GetAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new GetSubscriptionQuery(caller, subscriptionId), ct), cancellationToken, SubscriptionView.Of);
}
