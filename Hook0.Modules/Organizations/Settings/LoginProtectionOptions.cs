using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.Settings;

/// <summary>
/// Password guessing protection (ADR 0015): per account, stored in <c>iam.user</c> so it holds across
/// restarts and instances; per client address, in process. It is a protection, not an API quota:
/// <c>DISABLE_API_RATE_LIMITING</c> does not turn it off.
/// </summary>
public sealed class LoginProtectionOptions
{
    [Setting("Login protection", "Failed logins after which each further try must wait, 1 s then doubling (the account is not tried meanwhile)")]
    [ConfigurationKeyName("LOGIN_DELAY_AFTER_FAILURES")]
    [Range(1, 1000)]
    public int DelayAfterFailures { get; set; } = 5;

    [Setting("Login protection", "Failed logins after which the account is locked (a password reset unlocks it; the user is e-mailed)")]
    [ConfigurationKeyName("LOGIN_LOCKOUT_AFTER_FAILURES")]
    [Range(1, 1000)]
    public int LockoutAfterFailures { get; set; } = 10;

    [Setting("Login protection", "Seconds an account stays locked (each failure after it locks it again)")]
    [ConfigurationKeyName("LOGIN_LOCKOUT_DURATION_IN_S")]
    [Range(1, 31_536_000)]
    public int LockoutDurationInS { get; set; } = 900;

    [Setting("Login protection", "Seconds without a failed login after which earlier failures are forgotten")]
    [ConfigurationKeyName("LOGIN_FAILURES_FORGOTTEN_AFTER_IN_S")]
    [Range(1, 31_536_000)]
    public int FailuresForgottenAfterInS { get; set; } = 86_400;

    public TimeSpan LockoutDuration => TimeSpan.FromSeconds(LockoutDurationInS);

    public TimeSpan FailuresForgottenAfter => TimeSpan.FromSeconds(FailuresForgottenAfterInS);

    /// <summary>The wait after the <paramref name="failures"/>-th failure: none below the threshold, then 1 s, 2 s, 4 s … up to the lockout.</summary>
    public TimeSpan? WaitAfter(int failures)
        => failures >= LockoutAfterFailures ? LockoutDuration
            : failures >= DelayAfterFailures ? TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - DelayAfterFailures), LockoutDurationInS))
            : null;
}
