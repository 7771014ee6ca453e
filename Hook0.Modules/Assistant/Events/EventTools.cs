using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Ingestion.Contracts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.Events;

[McpServerToolType]
internal sealed class EventTools(ToolRunner runner)
{
    /// <summary>A page an assistant can read at once; the REST default (100) is a lot of context for a model.</summary>
    private const int DefaultLimit = 20;

    [McpServerTool(Name = "search_events", Title = "Search events", ReadOnly = true, OpenWorld = false)]
    [Description("The application's events, newest first, optionally filtered (GET /api/v1/events). Pass next_cursor back as cursor for older ones.")]
    public Task<CallToolResult> SearchAsync(
        Guid applicationId,
        [Description("Only this event type.")] string? eventType = null,
        [Description("Only events with this label key (with labelValue).")] string? labelKey = null,
        [Description("The label's value.")] string? labelValue = null,
        [Description("Received at or after (ISO 8601).")] DateTimeOffset? from = null,
        [Description("Received before (ISO 8601).")] DateTimeOffset? to = null,
        [Description("next_cursor of the previous page.")] string? cursor = null,
        [Description("Events per page, 1 to 500 (default 20).")] int? limit = null,
        CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new ListEventsQuery(caller, applicationId, eventType, labelKey, labelValue,
            from?.UtcDateTime, to?.UtcDateTime, cursor, limit ?? DefaultLimit), ct), cancellationToken);

    [McpServerTool(Name = "get_event", Title = "Inspect an event", ReadOnly = true, OpenWorld = false)]
    [Description("One event with its payload (standard base64 of the stored bytes) and labels (GET /api/v1/events/{id}).")]
    public Task<CallToolResult> GetAsync(Guid applicationId, Guid eventId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new GetEventQuery(caller, applicationId, eventId), ct), cancellationToken);
}
