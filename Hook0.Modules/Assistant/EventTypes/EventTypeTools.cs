using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.EventTypes;

[McpServerToolType]
internal sealed class EventTypeTools(ToolRunner runner)
{
    [McpServerTool(Name = "list_event_types", Title = "List event types", ReadOnly = true, OpenWorld = false)]
    [Description("The application's active event types with their JSON Schema, description, example and deprecation (GET /api/v1/event_types).")]
    public Task<CallToolResult> ListAsync(Guid applicationId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new ListEventTypesQuery(caller, applicationId), ct), cancellationToken);

    [McpServerTool(Name = "get_event_type", Title = "Inspect an event type", ReadOnly = true, OpenWorld = false)]
    [Description("One active event type by its name (service.resource_type.verb).")]
    public Task<CallToolResult> GetAsync(Guid applicationId, [Description("e.g. billing.invoice.paid")] string eventType, CancellationToken cancellationToken = default)
        => runner.RunAsync(async (caller, ct) =>
            {
                // The list is the contract Ingestion publishes; one application has few types.
                var types = await runner.Sender.Send(new ListEventTypesQuery(caller, applicationId), ct);
                return types.FirstOrDefault(t => t.EventTypeName == eventType) ?? throw Problems.NotFound.ToException();
            }, cancellationToken);
}
