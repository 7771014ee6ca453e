using Hook0.Modules.Assistant.Applications;
using Hook0.Modules.Assistant.Attempts;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Assistant.Events;
using Hook0.Modules.Assistant.EventTypes;
using Hook0.Modules.Assistant.Replay;
using Hook0.Modules.Assistant.Retry;
using Hook0.Modules.Assistant.Subscriptions;
using Hook0.Modules.Assistant.TestEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace Hook0.Modules.Assistant;

/// <summary>
/// The Model Context Protocol server (ADR 0027): Hook0's management API as tools an AI assistant can call, over
/// streamable HTTP at <see cref="Path"/>. It adds no authority of its own: the endpoint takes the same bearer credentials as
/// the REST API (the host's fallback policy authenticates it), and every tool sends the same mediator request as the
/// matching REST route, so the same Datalog checks and validators decide. A token attenuated to read-only therefore gives
/// a read-only assistant, and a token of another organization gets nothing.
/// </summary>
internal static class AssistantModule
{
    public const string Path = ModulesRegistration.McpPath;

    public const string Instructions =
        "Hook0 delivers webhooks. Applications own event types; subscriptions say which event types go to which URL; each ingested event "
        + "gets one request attempt per matching subscription. Start with list_applications, then list_event_types, list_subscriptions, "
        + "search_events and search_attempts. explain_attempt_failure tells why a delivery failed. Writes: retry_attempt, replay_events "
        + "(always run it with dry_run first and pass the count it answered as expected_count), send_test_event. Every call acts with the "
        + "credential the client was configured with, and is refused exactly as the REST API would refuse it.";

    public static IServiceCollection AddAssistant(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ToolRunner>();
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "hook0", Title = "Hook0", Version = typeof(AssistantModule).Assembly.GetName().Version?.ToString() ?? "1.0.0" };
                options.ServerInstructions = Instructions;
            })
            // Stateless: each POST is one authenticated HTTP request, answered within it. No session outlives the request, so a
            // revoked or expired token stops working at the next call, and any instance behind a load balancer can answer.
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<ApplicationTools>()
            .WithTools<EventTypeTools>()
            .WithTools<SubscriptionTools>()
            .WithTools<EventTools>()
            .WithTools<AttemptTools>()
            .WithTools<RetryAttemptTool>()
            .WithTools<ReplayEventsTool>()
            .WithTools<SendTestEventTool>();
        return services;
    }

    /// <summary>
    /// Not under <c>/api/v1</c>: MCP clients are configured with this one URL. No AllowAnonymous: the bearer fallback policy
    /// applies. Not in the OpenAPI document: it is one JSON-RPC endpoint, described by MCP's own tools/list.
    /// </summary>
    public static void MapAssistant(this IEndpointRouteBuilder endpoints) => endpoints.MapMcp(Path).WithMetadata(new ExcludeFromDescriptionAttribute());
}
