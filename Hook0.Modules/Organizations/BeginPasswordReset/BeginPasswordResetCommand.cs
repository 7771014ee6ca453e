using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.BeginPasswordReset;

/// <summary>
/// Mails a password-reset link (valid 30 minutes). Unlike upstream, an unknown address also answers
/// 204, so the endpoint cannot be used to find out who has an account (ADR 0009).
/// </summary>
public sealed record BeginPasswordResetCommand(string Email) : ICommand;

internal sealed class BeginPasswordResetHandler(OrganizationsDbContext db, TokenMinter minter, EmailMessages messages, IEmailSender email)
    : ICommandHandler<BeginPasswordResetCommand>
{
    public async ValueTask<Unit> Handle(BeginPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(command.Email ?? string.Empty);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is not null)
        {
            var link = minter.EmailLink(TokenTypes.PasswordReset, user.Id, TokenTypes.PasswordResetLifetime);
            await email.TrySendAsync(messages.PasswordReset(new EmailRecipient(user.Email, user.FirstName, user.LastName), link.Biscuit), cancellationToken);
        }

        return Unit.Value;
    }
}
