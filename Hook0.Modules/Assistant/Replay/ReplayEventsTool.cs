using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.Replay;

/// <summary>
/// Replays a range of events in two steps: a dry run answers how many events match, and the replay itself must name that
/// count. An assistant thus always shows the blast radius before acting, and a range that grew in between is refused
/// rather than replayed bigger than what was agreed.
/// </summary>
[McpServerToolType]
internal sealed class ReplayEventsTool(ToolRunner runner)
{
    /// <summary>Labels an event filter may name: an event carries at most 10.</summary>
    private const int MaxLabels = 10;

    [McpServerTool(Name = "replay_events", Title = "Replay a range of events", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Dispatches every event received in [from, to) again to the subscriptions that match it now (POST /api/v1/events/replay). "
        + "Run it first with dryRun true (the default): it answers matching_events. Then run it with dryRun false and expectedCount set to that number; "
        + "if the range matches a different number by then, nothing is replayed.")]
    public async Task<CallToolResult> ReplayAsync(
        Guid applicationId,
        [Description("Received at or after (ISO 8601).")] DateTimeOffset from,
        [Description("Received before (ISO 8601).")] DateTimeOffset to,
        [Description("Only this event type.")] string? eventType = null,
        [Description("Only events carrying all these labels.")] Dictionary<string, string>? labels = null,
        [Description("Only for this subscription.")] Guid? subscriptionId = null,
        [Description("true (default): only count.")] bool? dryRun = null,
        [Description("The dry run's matching_events; required when dryRun is false.")] int? expectedCount = null,
        CancellationToken cancellationToken = default)
    {
        if (labels is { Count: > MaxLabels })
        {
            return ToolRunner.Refusal(Problems.InvalidParameter, $"labels takes at most {MaxLabels} entries.");
        }

        ReplayEventsCommand Command(Kernel.Auth.Caller caller, bool dry)
            => new(caller, applicationId, from.UtcDateTime, to.UtcDateTime, eventType, labels, subscriptionId, dry);

        if (dryRun ?? true)
        {
            return await runner.RunAsync((caller, ct) => runner.Sender.Send(Command(caller, true), ct), cancellationToken);
        }

        if (expectedCount is null)
        {
            return ToolRunner.Refusal(Problems.InvalidParameter, "expectedCount is required to replay: run a dry run first and pass its matching_events.");
        }

        return await runner.RunAsync(async (caller, ct) =>
        {
            // The count is checked with the replay's own rights first: a read-only credential is refused here already.
            var counted = await runner.Sender.Send(Command(caller, true), ct);
            if (counted.MatchingEvents != expectedCount)
            {
                throw Problems.InvalidParameter.With(
                    $"The range now matches {counted.MatchingEvents} events, not {expectedCount}: nothing was replayed. Run the dry run again.");
            }

            return await runner.Sender.Send(Command(caller, false), ct);
        }, cancellationToken);
    }
}
