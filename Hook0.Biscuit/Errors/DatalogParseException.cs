namespace Hook0.Biscuit.Errors;

/// <summary>Datalog source text could not be parsed.</summary>
public sealed class DatalogParseException : BiscuitException
{
    public DatalogParseException(string message, int position, string source)
        : base(BiscuitErrorKind.Parse, $"{message} at offset {position}: '{Excerpt(source, position)}'")
    {
        Position = position;
    }

    /// <summary>Zero-based character offset of the error in the source text.</summary>
    public int Position { get; }

    private static string Excerpt(string source, int position)
    {
        var start = Math.Clamp(position, 0, source.Length);
        var length = Math.Min(30, source.Length - start);
        return source.Substring(start, length);
    }
}
