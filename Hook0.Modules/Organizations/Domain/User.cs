namespace Hook0.Modules.Organizations.Domain;

internal sealed class User
{
    public Guid Id { get; set; }
    public required string Email { get; set; }

    /// <summary>Lower-cased e-mail: the unique key, so addresses differing only by case are one account.</summary>
    public required string NormalizedEmail { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EmailVerifiedAt { get; set; }
    public DateTime? LastLogin { get; set; }
}
