namespace Hook0.Biscuit.Errors;

/// <summary>The token bytes are malformed, badly signed or use an unsupported version.</summary>
public sealed class TokenFormatException : BiscuitException
{
    public TokenFormatException(BiscuitErrorKind kind, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
    }
}
