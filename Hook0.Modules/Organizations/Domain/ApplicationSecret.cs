namespace Hook0.Modules.Organizations.Domain;

/// <summary>An application secret: its <see cref="Token"/> is the bearer credential itself.</summary>
internal sealed class ApplicationSecret
{
    public Guid Token { get; set; }
    public Guid ApplicationId { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
}
