using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ResendVerificationEmail;

internal sealed class ResendVerificationEmailHandler(
    OrganizationsDbContext db,
    TokenMinter minter,
    EmailMessages messages,
    IEmailSender email,
    TimeProvider time) : ICommandHandler<ResendVerificationEmailCommand>
{
    private const int PerDay = 5;
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async ValueTask<Unit> Handle(ResendVerificationEmailCommand command, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(command.Email ?? string.Empty);
        var now = time.UtcNowForDatabase();
        var cooledDown = now - Cooldown;
        var windowStart = now - Window;
        // One conditional statement claims the send, so concurrent requests cannot exceed the limits.
        var claimed = await db.Users
            .Where(u => u.NormalizedEmail == normalized && u.EmailVerifiedAt == null
                && (u.EmailVerificationSentAt == null || u.EmailVerificationSentAt < cooledDown)
                && (u.EmailVerificationResendWindowStartedAt == null || u.EmailVerificationResendWindowStartedAt < windowStart
                    || u.EmailVerificationResendCount < PerDay))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.EmailVerificationSentAt, now)
                .SetProperty(u => u.EmailVerificationResendCount, u =>
                    u.EmailVerificationResendWindowStartedAt == null || u.EmailVerificationResendWindowStartedAt < windowStart ? 1 : u.EmailVerificationResendCount + 1)
                .SetProperty(u => u.EmailVerificationResendWindowStartedAt, u =>
                    u.EmailVerificationResendWindowStartedAt == null || u.EmailVerificationResendWindowStartedAt < windowStart ? now : u.EmailVerificationResendWindowStartedAt), cancellationToken);
        if (claimed == 0)
        {
            return Unit.Value;
        }

        var user = await db.Users.AsNoTracking().FirstAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        var link = minter.EmailLink(TokenTypes.EmailVerification, user.Id, TokenTypes.EmailVerificationLifetime);
        if (!await email.TrySendAsync(messages.Verification(new EmailRecipient(user.Email, user.FirstName, user.LastName), link.Biscuit), cancellationToken))
        {
            // The mail did not go: give the claim back so the user can ask again at once.
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.EmailVerificationSentAt, (DateTime?)null)
                .SetProperty(u => u.EmailVerificationResendCount, u => u.EmailVerificationResendCount - 1), cancellationToken);
        }

        return Unit.Value;
    }
}
