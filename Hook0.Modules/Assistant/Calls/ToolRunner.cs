using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Mediator;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace Hook0.Modules.Assistant.Calls;

/// <summary>
/// Runs one tool call as its REST twin would run: with the caller the bearer authentication established for this HTTP
/// request, through the mediator (so authorization and validation are the pipeline's), answering the result as the API's
/// JSON (snake_case) and a refusal as the API's problem document, marked as a tool error so the assistant reads why.
/// </summary>
internal sealed class ToolRunner(ISender sender, IHttpContextAccessor http)
{
    public ISender Sender => sender;

    /// <summary>The endpoint requires an authenticated caller, so one is always there while a tool runs.</summary>
    public Caller Caller => http.HttpContext?.User is CallerPrincipal principal ? principal.Caller : throw Problems.AuthNoAuthorizationHeader.ToException();

    public System.Net.IPAddress? ClientAddress => http.HttpContext?.Connection.RemoteIpAddress;

    public async Task<CallToolResult> RunAsync<T>(Func<Caller, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken, Func<T, JsonNode?>? shape = null)
    {
        try
        {
            var result = await call(Caller, cancellationToken);
            return Answer(shape is null ? Json(result) : shape(result));
        }
        catch (Exception e) when (e is not OperationCanceledException && ProblemExceptionHandler.Classify(e) is { Problem.Status: < 500 } refusal)
        {
            // The REST host's own classification: a client mistake the API answers as a 4xx problem is answered so here too.
            // Server failures propagate: the SDK logs them and answers a generic tool error that reveals nothing.
            return Refusal(refusal.Problem, refusal.Detail, refusal.Validation);
        }
    }

    public static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value, Hook0Json.Options);

    public static CallToolResult Answer(JsonNode? result) => new()
    {
        Content = [new TextContentBlock { Text = result?.ToJsonString(Hook0Json.Options) ?? "null" }],
    };

    /// <summary>The problem document the REST route would have answered.</summary>
    public static CallToolResult Refusal(Problem problem, string? detail = null, IReadOnlyDictionary<string, object>? validation = null)
    {
        var document = new ProblemDocument(problem.Type, problem.Id, problem.Title, detail ?? problem.Detail, problem.Status, validation);
        return new()
        {
            IsError = true,
            Content = [new TextContentBlock { Text = JsonSerializer.Serialize(document, ProblemJsonContext.Default.ProblemDocument) }],
        };
    }
}
