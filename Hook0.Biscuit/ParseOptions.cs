namespace Hook0.Biscuit;

/// <summary>Bounds applied when reading untrusted tokens.</summary>
/// <param name="MaxTokenBytes">Largest accepted serialized token; larger input fails with TokenTooLarge before decoding.</param>
/// <param name="MaxBlocks">Largest accepted number of blocks, authority included.</param>
public sealed record ParseOptions(int MaxTokenBytes = 64 * 1024, int MaxBlocks = 64)
{
    public static ParseOptions Default { get; } = new();
}
