using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.LoginProtection;

/// <summary>
/// Per-account guessing protection, kept in <c>iam.user</c> (it survives restarts and holds across
/// instances). A try is counted as a failure BEFORE the password is checked, by one conditional
/// <c>UPDATE … RETURNING</c> that also sets the wait the new count calls for; a success then clears
/// it. So however many tries run at once, no more than the threshold are ever checked: the rest find
/// the account waiting or locked and are refused, exactly as a wrong password would be.
/// </summary>
internal sealed partial class AccountLockout(
    OrganizationsDbContext db,
    IOptions<LoginProtectionOptions> options,
    EmailMessages messages,
    IEmailSender email,
    TimeProvider time,
    AuditTrail audit,
    ILogger<AccountLockout> logger)
{
    /// <summary>Claims one try: the failure count it will stand for if the password is wrong, or null when the account is waiting or locked.</summary>
    public async Task<int?> ClaimTryAsync(Guid userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.UtcNowForDatabase();
        var forgetBefore = now - settings.FailuresForgottenAfter;
        var lockoutUntil = now + settings.LockoutDuration;
        var delayAt = settings.DelayAfterFailures;
        var lockAt = settings.LockoutAfterFailures;
        var longest = (double)settings.LockoutDurationInS;
        // The new count appears three times: SET expressions all read the row as it was (the latest
        // version, once the row lock is held), so it is spelled out rather than referenced.
        var counts = await db.Database.SqlQuery<int>($"""
            UPDATE iam."user" SET
                failed_login_count = CASE WHEN last_failed_login_at IS NULL OR last_failed_login_at < {forgetBefore} THEN 1 ELSE failed_login_count + 1 END,
                last_failed_login_at = {now},
                login_locked_until = CASE
                    WHEN (CASE WHEN last_failed_login_at IS NULL OR last_failed_login_at < {forgetBefore} THEN 1 ELSE failed_login_count + 1 END) >= {lockAt}
                        THEN {lockoutUntil}
                    WHEN (CASE WHEN last_failed_login_at IS NULL OR last_failed_login_at < {forgetBefore} THEN 1 ELSE failed_login_count + 1 END) >= {delayAt}
                        THEN {now} + make_interval(secs => LEAST(power(2, (CASE WHEN last_failed_login_at IS NULL OR last_failed_login_at < {forgetBefore} THEN 1 ELSE failed_login_count + 1 END) - {delayAt}), {longest}))
                    ELSE NULL END
            WHERE user_id = {userId} AND (login_locked_until IS NULL OR login_locked_until <= {now})
            RETURNING failed_login_count AS "Value"
            """).ToListAsync(cancellationToken);
        return counts.Count == 1 ? counts[0] : null;
    }

    /// <summary>The password was right: the account starts afresh.</summary>
    public Task ClearAsync(Guid userId, CancellationToken cancellationToken)
        => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedLoginCount, 0)
            .SetProperty(u => u.LastFailedLoginAt, (DateTime?)null)
            .SetProperty(u => u.LoginLockedUntil, (DateTime?)null), cancellationToken);

    /// <summary>
    /// A claimed try failed. The one that reached the lockout threshold logs it and e-mails the owner
    /// (once: later failures only lock again, without mail); there is exactly one such try per lockout.
    /// </summary>
    public async Task FailedAsync(User user, int failures, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (failures < settings.LockoutAfterFailures)
        {
            return;
        }

        var until = time.GetUtcNow() + settings.LockoutDuration;
        LogLocked(logger, user.Id, failures, until);
        if (failures == settings.LockoutAfterFailures)
        {
            await audit.RecordAccountEventAsync(user.Id, "lockout", cancellationToken);
            await email.TrySendAsync(messages.AccountLocked(new EmailRecipient(user.Email, user.FirstName, user.LastName), until), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserId} locked until {Until:o} after {Failures} failed logins")]
    private static partial void LogLocked(ILogger logger, Guid userId, int failures, DateTimeOffset until);
}
