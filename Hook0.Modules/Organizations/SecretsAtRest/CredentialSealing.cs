using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Organizations.Domain;

namespace Hook0.Modules.Organizations.SecretsAtRest;

/// <summary>
/// How the credentials <c>iam</c> keeps are stored: application secrets sealed and found by their keyed
/// hash, service-token Biscuits sealed. Clear values exist only in memory and in API answers.
/// </summary>
internal sealed class CredentialSealing(SecretBox box)
{
    public const string TokenPurpose = "iam.application_secret.token";
    public const string BiscuitPurpose = "iam.token.biscuit";

    public byte[] HashToken(Guid token) => box.LookupHash(token.ToString("D"), TokenPurpose);

    public ApplicationSecret NewSecret(Guid applicationId, string? name, DateTime now)
    {
        var token = Guid.NewGuid();
        return new ApplicationSecret
        {
            Id = Guid.CreateVersion7(),
            TokenHash = HashToken(token),
            SealedToken = box.Seal(token.ToString("D"), TokenPurpose),
            ApplicationId = applicationId,
            Name = name,
            CreatedAt = now,
        };
    }

    /// <summary>A row not sealed yet (written by an older version during an upgrade) still shows its clear token.</summary>
    public Guid OpenToken(ApplicationSecret secret)
        => secret.SealedToken is { } sealedToken ? Guid.ParseExact(box.Open(sealedToken, TokenPurpose), "D") : secret.Token!.Value;

    public string SealBiscuit(string biscuit) => box.Seal(biscuit, BiscuitPurpose);

    public string OpenBiscuit(string stored) => SecretBox.IsSealed(stored) ? box.Open(stored, BiscuitPurpose) : stored;
}
