using System.Text.Json;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Errors;

/// <summary>
/// The single place where exceptions become answers: refusals keep their problem, client mistakes
/// the framework detects become 4xx problems, an unreachable or overloaded database becomes 503,
/// and only what is really unexpected becomes a logged 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away: nobody is left to answer
        }

        var (problem, detail, validation) = Classify(exception);
        if (problem.Status >= 500)
        {
            LogFailure(logger, problem.Id, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        await ProblemWriter.WriteAsync(httpContext, problem, detail, validation);
        return true;
    }

    internal static (Problem Problem, string Detail, IReadOnlyDictionary<string, object>? Validation) Classify(Exception exception)
    {
        switch (exception)
        {
            case ProblemException p:
                return (p.Problem, p.Detail, p.Validation);
            case BadHttpRequestException bad:
                return ClassifyBadRequest(bad);
            case JsonException json:
                return (Problems.JsonPayload, JsonDetail(json), null);
        }

        // Text PostgreSQL cannot store (a NUL character, in text or in a jsonb string) is a client mistake.
        if (FindPostgresError(exception) is { SqlState: "22021" or "22P05" })
        {
            return (Problems.JsonPayload, "The body contains a character that cannot be stored (such as U+0000).", null);
        }

        // A row referenced by the request vanished concurrently (e.g. its organization was deleted).
        if (FindPostgresError(exception) is { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return (Problems.NotFound, Problems.NotFound.Detail, null);
        }

        if (TransientFailures.IsTransientDatabaseFailure(exception))
        {
            return (Problems.ServiceUnavailable, Problems.ServiceUnavailable.Detail, null);
        }

        return (Problems.InternalServerError, Problems.InternalServerError.Detail, null);
    }

    private static (Problem, string, IReadOnlyDictionary<string, object>?) ClassifyBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (Problems.JsonPayload, "Body is too big.", null);
        }

        if (bad.InnerException is JsonException json)
        {
            return (Problems.JsonPayload, JsonDetail(json), null);
        }

        // Minimal APIs phrase body failures with "body" and media-type failures with "media type";
        // anything else is a route or query-string parameter.
        var message = bad.Message;
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            || message.Contains("body", StringComparison.OrdinalIgnoreCase)
            || message.Contains("media type", StringComparison.OrdinalIgnoreCase))
        {
            return (Problems.JsonPayload, Problems.JsonPayload.Detail, null);
        }

        return (Problems.InvalidParameter, ParameterDetail(message), null);
    }

    // The framework's message quotes the caller's raw value: the pattern runs without backtracking.
    private static readonly System.Text.RegularExpressions.Regex ParameterName = new("parameter \"\\S+ (?<name>\\w+)\"", System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    /// <summary>Names the parameter as the wire spells it (snake_case), never the C# signature.</summary>
    private static string ParameterDetail(string message)
    {
        var match = ParameterName.Match(message);
        return match.Success
            ? $"The parameter '{System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(match.Groups["name"].Value)}' is missing or malformed."
            : Problems.InvalidParameter.Detail;
    }

    private static string JsonDetail(JsonException json)
        => json.Path is { Length: > 1 } path
            ? $"The JSON body is invalid at '{path}'."
            : "The JSON body is invalid or does not have the expected shape.";

    private static PostgresException? FindPostgresError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
            {
                return pg;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {ProblemId}: {Method} {Path}")]
    private static partial void LogFailure(ILogger logger, string problemId, string method, string path, Exception exception);
}
