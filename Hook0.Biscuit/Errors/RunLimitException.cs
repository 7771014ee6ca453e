namespace Hook0.Biscuit.Errors;

/// <summary>Authorization stopped because a configured limit (facts, iterations or time) was reached.</summary>
public sealed class RunLimitException : BiscuitException
{
    public RunLimitException(BiscuitErrorKind kind, string message) : base(kind, message)
    {
    }
}
