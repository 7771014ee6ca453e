using Hook0.Biscuit;

namespace Hook0.Modules.Organizations.Tokens;

/// <summary>
/// A token whose signatures checked out, with the facts of its authority block read once. Only the
/// authority block is signed by this instance, so only its facts are believed here; later blocks can
/// only restrict, through the checks the authorizer runs.
/// </summary>
internal sealed record VerifiedToken(
    BiscuitToken Token,
    string Type,
    string RevocationIdHex,
    Guid? TokenId,
    Guid? UserId,
    Guid? SessionId,
    Guid? OrganizationId,
    IReadOnlyDictionary<Guid, string> Roles,
    long? Version,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiredAt)
{
    public byte[] RevocationId => Convert.FromHexString(RevocationIdHex);
}
