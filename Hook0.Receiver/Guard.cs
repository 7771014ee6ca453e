namespace Hook0.Receiver;

/// <summary>Argument checks for both targets (netstandard2.0 lacks ArgumentNullException.ThrowIfNull).</summary>
internal static class Guard
{
    public static void NotNull(object? value, string name)
    {
#if NET
        ArgumentNullException.ThrowIfNull(value, name);
#else
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }
#endif
    }
}
