namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// A pending invitation to join an organization (ADR 0015): nobody becomes a member without accepting
/// it. It names an e-mail address, not a user, so an address without an account can be invited and
/// finds the invitation once registered with it.
/// </summary>
internal sealed class Invitation
{
    /// <summary>Pending invitations expire: an unanswered one does not wait forever.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>Pending invitations one organization may hold, so invitations cannot be used to send mail in bulk.</summary>
    public const int MaximumPendingPerOrganization = 50;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Role { get; set; }
    public Guid? InvitedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
