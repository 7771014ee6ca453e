using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Delivery.Contracts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.Retry;

[McpServerToolType]
internal sealed class RetryAttemptTool(ToolRunner runner)
{
    [McpServerTool(Name = "retry_attempt", Title = "Retry a failed delivery", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Sends a dead letter (an attempt that failed for good) again as a fresh attempt (POST /api/v1/dead_letters/{id}/retry). "
        + "Needs the right to edit subscriptions.")]
    public Task<CallToolResult> RetryAsync(Guid applicationId, Guid requestAttemptId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new RetryDeadLettersCommand(caller, applicationId, requestAttemptId, null, null, null, DryRun: false), ct),
            cancellationToken);
}
