namespace Hook0.Modules.Kernel.Errors;

/// <summary>One entry of the problem catalogue: a stable id, its HTTP status and its default wording.</summary>
public sealed record Problem(string Id, int Status, string Title, string Detail)
{
    /// <summary>Hook0's documentation URL for the id, kept identical to upstream so clients can link to it.</summary>
    public string Type => $"https://documentation.hook0.com/reference/error-codes#{Id.ToLowerInvariant()}";

    /// <summary>The same problem with a more precise detail for this occurrence.</summary>
    public ProblemException With(string detail) => new(this, detail);

    public ProblemException ToException() => new(this, Detail);
}
