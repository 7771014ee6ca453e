using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.BeginPasswordReset;

internal sealed class BeginPasswordResetHandler(OrganizationsDbContext db, TokenMinter minter, EmailMessages messages, IEmailSender email, TimeProvider time)
    : ICommandHandler<BeginPasswordResetCommand>
{
    /// <summary>One reset e-mail a minute per account: asking again and again floods nobody's mailbox.</summary>
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);

    public async ValueTask<Unit> Handle(BeginPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(command.Email ?? string.Empty);
        var now = time.UtcNowForDatabase();
        var cooledDown = now - Cooldown;
        // One conditional statement claims the send, so concurrent requests send at most one e-mail.
        var claimed = await db.Users
            .Where(u => u.NormalizedEmail == normalized && (u.PasswordResetSentAt == null || u.PasswordResetSentAt < cooledDown))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordResetSentAt, now), cancellationToken);
        var user = claimed == 1 ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken) : null;
        if (user is not null)
        {
            var link = minter.EmailLink(TokenTypes.PasswordReset, user.Id, TokenTypes.PasswordResetLifetime);
            await email.TrySendAsync(messages.PasswordReset(new EmailRecipient(user.Email, user.FirstName, user.LastName), link.Biscuit), cancellationToken);
        }

        return Unit.Value;
    }
}
