using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.BeginPasswordReset;

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
