namespace Hook0.Biscuit.Errors;

/// <summary>
/// Evaluating an expression failed (overflow, type error, ...). Such errors abort the whole
/// authorization rather than merely failing one check, as the specification requires.
/// </summary>
public sealed class ExecutionException : BiscuitException
{
    public ExecutionException(BiscuitErrorKind kind, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
    }
}
