namespace Hook0.Modules.Organizations.Tokens;

/// <summary>A freshly minted root token: its text, the revocation id stored for it, and its expiry.</summary>
internal sealed record MintedToken(string Biscuit, byte[] RevocationId, DateTime? ExpiredAt);
