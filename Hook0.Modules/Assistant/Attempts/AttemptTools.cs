using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Errors;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.Attempts;

[McpServerToolType]
internal sealed class AttemptTools(ToolRunner runner)
{
    /// <summary>The REST route takes these as one comma list of at most 100 characters; the same bound, counted in entries.</summary>
    private const int MaxFilterEntries = 20;

    [McpServerTool(Name = "search_attempts", Title = "Search delivery attempts", ReadOnly = true, OpenWorld = false)]
    [Description("The application's request attempts (one per event and subscription, and one per retry), newest first, 50 a page "
        + "(GET /api/v1/request_attempts). Pass next_cursor back as cursor for older ones.")]
    public Task<CallToolResult> SearchAsync(
        Guid applicationId,
        [Description("Only the attempts of this event.")] Guid? eventId = null,
        [Description("Only the attempts of this subscription.")] Guid? subscriptionId = null,
        [Description("Only these statuses: pending, waiting, inprogress, successful, failed.")] string[]? statuses = null,
        [Description("Only these event types.")] string[]? eventTypes = null,
        [Description("Created at or after (ISO 8601).")] DateTimeOffset? from = null,
        [Description("Created before (ISO 8601).")] DateTimeOffset? to = null,
        [Description("next_cursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        if (statuses is { Length: > MaxFilterEntries } || eventTypes is { Length: > MaxFilterEntries })
        {
            return Task.FromResult(ToolRunner.Refusal(Problems.InvalidParameter, $"statuses and eventTypes take at most {MaxFilterEntries} entries each."));
        }

        return runner.RunAsync((caller, ct) => runner.Sender.Send(new ListRequestAttemptsQuery(caller, applicationId, eventId, subscriptionId,
            from?.UtcDateTime, to?.UtcDateTime, eventTypes ?? [], cursor, statuses), ct), cancellationToken);
    }

    [McpServerTool(Name = "explain_attempt_failure", Title = "Explain why a delivery failed", ReadOnly = true, OpenWorld = false)]
    [Description("Why an attempt failed: its status and retries, the HTTP status or error class in words, an excerpt of the response body, "
        + "and the subscription's health, with what to do next.")]
    public Task<CallToolResult> ExplainAsync(Guid applicationId, Guid requestAttemptId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => new FailureExplainer(runner.Sender).ExplainAsync(caller, applicationId, requestAttemptId, ct), cancellationToken,
            explanation => explanation);
}
