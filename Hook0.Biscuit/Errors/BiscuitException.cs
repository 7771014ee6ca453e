namespace Hook0.Biscuit.Errors;

/// <summary>Base type of every error raised by this library; <see cref="Kind"/> says precisely what failed.</summary>
public class BiscuitException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public BiscuitException(BiscuitErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What failed.</summary>
    public BiscuitErrorKind Kind { get; }
}
