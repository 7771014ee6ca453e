using System.ComponentModel;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Organizations.Contracts;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hook0.Modules.Assistant.Applications;

[McpServerToolType]
internal sealed class ApplicationTools(ToolRunner runner)
{
    [McpServerTool(Name = "list_applications", Title = "List applications", ReadOnly = true, OpenWorld = false)]
    [Description("The organization's applications (GET /api/v1/applications).")]
    public Task<CallToolResult> ListAsync(
        [Description("The organization; may be left out when the credential belongs to exactly one.")] Guid? organizationId = null,
        CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new ListApplicationsQuery(caller, Calls.Organizations.Resolve(caller, organizationId)), ct), cancellationToken);

    [McpServerTool(Name = "get_application", Title = "Inspect an application", ReadOnly = true, OpenWorld = false)]
    [Description("One application with its quotas, consumption and onboarding steps (GET /api/v1/applications/{id}).")]
    public Task<CallToolResult> GetAsync(Guid applicationId, CancellationToken cancellationToken = default)
        => runner.RunAsync((caller, ct) => runner.Sender.Send(new GetApplicationQuery(caller, applicationId), ct), cancellationToken);
}
