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
    public DateTime? EmailVerificationSentAt { get; set; }

    /// <summary>Last password change: reset links minted before it no longer work (single use).</summary>
    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>Start of the rolling 24 h window in which at most 5 verification e-mails are resent.</summary>
    public DateTime? EmailVerificationResendWindowStartedAt { get; set; }
    public int EmailVerificationResendCount { get; set; }

    /// <summary>Failed logins counted against the account (reset by a successful login or a new password).</summary>
    public int FailedLoginCount { get; set; }

    public DateTime? LastFailedLoginAt { get; set; }

    /// <summary>Until then every login of the account is refused exactly as a wrong password (growing delays, then the lockout).</summary>
    public DateTime? LoginLockedUntil { get; set; }

    /// <summary>Last password reset e-mail: at most one a minute per account.</summary>
    public DateTime? PasswordResetSentAt { get; set; }
}
