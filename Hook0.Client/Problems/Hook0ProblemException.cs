namespace Hook0.Client;

/// <summary>A refusal from the API, with its problem id (<c>EventAlreadyIngested</c>, <c>Validation</c>, <c>RateLimited</c>…; see <c>GET /api/v1/errors</c>).</summary>
public sealed class Hook0ProblemException : Exception
{
    public Hook0ProblemException(string? problemId, int status, string? title, string? detail,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? validation = null, Exception? inner = null)
        : base($"{problemId ?? "HTTP " + status}: {detail ?? title ?? "the request was refused"}", inner)
    {
        ProblemId = problemId;
        Status = status;
        Title = title;
        Detail = detail;
        Validation = validation ?? new Dictionary<string, IReadOnlyList<string>>();
    }

    public Hook0ProblemException()
        : this(null, 0, null, null)
    {
    }

    public Hook0ProblemException(string message)
        : this(null, 0, null, message)
    {
    }

    public Hook0ProblemException(string message, Exception innerException)
        : this(null, 0, null, message, null, innerException)
    {
    }

    /// <summary>The problem's <c>id</c>, or null when the answer was not a problem document.</summary>
    public string? ProblemId { get; }

    public int Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>For 422 <c>Validation</c>: the messages per field.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Validation { get; }
}
