namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// An application secret: its token is the bearer credential itself, so it is kept sealed
/// (<see cref="SealedToken"/>) and found by its keyed hash (<see cref="TokenHash"/>), never in clear.
/// </summary>
internal sealed class ApplicationSecret
{
    public Guid Id { get; set; }

    /// <summary>The clear token of a row written before secrets were sealed; null once the start-up sealer has moved it (ADR 0015).</summary>
    public Guid? Token { get; set; }

    public byte[]? TokenHash { get; set; }
    public string? SealedToken { get; set; }
    public Guid ApplicationId { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
}
