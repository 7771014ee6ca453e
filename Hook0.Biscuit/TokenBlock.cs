using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit;

/// <summary>One verified block of a token, with the metadata stored next to its datalog.</summary>
/// <param name="Block">The block's facts, rules, checks and scope.</param>
/// <param name="Version">Datalog version the block declares (3–6).</param>
/// <param name="Symbols">Strings this block added to its symbol table.</param>
/// <param name="PublicKeys">Public keys this block added to its key table.</param>
/// <param name="ExternalKey">The third party's key when the block is third-party signed.</param>
public sealed record TokenBlock(
    Block Block,
    uint Version,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<PublicKey> PublicKeys,
    PublicKey? ExternalKey)
{
    /// <summary>The block's datalog source, printed canonically.</summary>
    public string Code => Block.ToString();
}
