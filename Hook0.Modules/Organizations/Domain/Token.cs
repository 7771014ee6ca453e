namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// A Biscuit root token the instance minted (sessions and service tokens), found by the revocation id
/// of its authority block; setting <see cref="ExpiredAt"/> revokes it and every attenuation of it.
/// </summary>
internal sealed class Token
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required byte[] RevocationId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiredAt { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? Name { get; set; }
    public string? Biscuit { get; set; }
    public Guid? UserId { get; set; }
    public Guid? SessionId { get; set; }
}
