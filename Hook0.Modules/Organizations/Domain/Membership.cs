namespace Hook0.Modules.Organizations.Domain;

/// <summary>A user's role in an organization (<c>editor</c> or <c>viewer</c>).</summary>
internal sealed class Membership
{
    public Guid UserId { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public User? User { get; set; }
}
