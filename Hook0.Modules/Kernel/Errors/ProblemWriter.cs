using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Kernel.Errors;

/// <summary>Writes problem documents exactly as upstream does: type, id, title, detail, status, validation.</summary>
public static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, Problem problem, string? detail = null,
        IReadOnlyDictionary<string, object>? validation = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = problem.Status;
        response.ContentType = ContentType;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "5";
        }

        await JsonSerializer.SerializeAsync(response.Body, ToDocument(problem, detail, validation),
            ProblemJsonContext.Default.ProblemDocument, context.RequestAborted);
    }

    public static ProblemDocument ToDocument(Problem problem, string? detail = null,
        IReadOnlyDictionary<string, object>? validation = null)
        => new(problem.Type, problem.Id, problem.Title, detail ?? problem.Detail, problem.Status, validation);
}
