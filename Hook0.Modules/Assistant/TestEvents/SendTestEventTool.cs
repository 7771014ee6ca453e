using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.TestEvents;

/// <summary>
/// Ingests one event, as <c>POST /event</c> does, so an assistant can check a subscription end to end. Its payload defaults to
/// the event type's example, its labels to the subscription's (the labels decide which subscriptions get it), and its
/// metadata marks it as a test so receivers and people reading the logs can tell.
/// </summary>
[McpServerToolType]
internal sealed class SendTestEventTool(ToolRunner runner)
{
    public const string TestMarker = "hook0_test_event";

    [McpServerTool(Name = "send_test_event", Title = "Send a test event", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Ingests one event of a type (POST /api/v1/event): it is delivered to every subscription it matches. "
        + "payload is JSON text (default: the type's example, else {}); labels default to those of subscriptionId's subscription. "
        + "The event's metadata carries hook0_test_event=true.")]
    public Task<CallToolResult> SendAsync(
        Guid applicationId,
        [Description("e.g. billing.invoice.paid")] string eventType,
        [Description("The payload, JSON text.")] string? payload = null,
        [Description("The event's labels (1 to 10).")] Dictionary<string, string>? labels = null,
        [Description("Use this subscription's labels, so the event reaches it.")] Guid? subscriptionId = null,
        CancellationToken cancellationToken = default)
        => runner.RunAsync(async (caller, ct) =>
        {
            var eventLabels = labels;
            if (eventLabels is null && subscriptionId is { } id)
            {
                eventLabels = new Dictionary<string, string>(
                    (await runner.Sender.Send(new GetSubscriptionQuery(caller, id), ct)).Labels);
            }

            if (eventLabels is null)
            {
                throw Problems.InvalidParameter.With("Give labels or a subscriptionId whose labels the event should carry.");
            }

            if (payload is null)
            {
                var types = await runner.Sender.Send(new ListEventTypesQuery(caller, applicationId), ct);
                payload = types.FirstOrDefault(t => t.EventTypeName == eventType)?.Example?.GetRawText() ?? "{}";
            }

            var post = new EventPost(applicationId, eventType, payload, PayloadContentTypes.Json, DateTimeOffset.UtcNow, eventLabels,
                Metadata: new Dictionary<string, string> { [TestMarker] = "true" });
            return await runner.Sender.Send(new IngestEventCommand(caller, post, runner.ClientAddress), ct);
        }, cancellationToken);
}
