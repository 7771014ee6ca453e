namespace Hook0.Modules.Kernel.Errors;

/// <summary>
/// Raised anywhere a request must be refused; the exception handler turns it into an
/// <c>application/problem+json</c> answer. It is the only exception meant to cross module boundaries.
/// </summary>
public sealed class ProblemException : Exception
{
    public ProblemException(Problem problem, string? detail = null, IReadOnlyDictionary<string, object>? validation = null)
        : base(detail ?? problem.Detail)
    {
        Problem = problem;
        Detail = detail ?? problem.Detail;
        Validation = validation;
    }

    public ProblemException()
        : this(Problems.InternalServerError)
    {
    }

    public ProblemException(string message)
        : this(Problems.InternalServerError, message)
    {
    }

    public ProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = Problems.InternalServerError;
        Detail = message;
    }

    public Problem Problem { get; }

    public string Detail { get; }

    /// <summary>Field errors for <c>Validation</c> problems, shaped like upstream's validator output.</summary>
    public IReadOnlyDictionary<string, object>? Validation { get; }
}
