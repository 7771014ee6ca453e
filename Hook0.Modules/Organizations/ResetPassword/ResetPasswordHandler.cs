using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ResetPassword;

internal sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(c => c.Token).ValidLinkToken();
        RuleFor(c => c.NewPassword).ValidSecret(1, 1000);
    }
}

internal sealed class ResetPasswordHandler(OrganizationsDbContext db, EmailLinks links, PasswordChanger changer) : ICommandHandler<ResetPasswordCommand>
{
    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var link = links.Read(command.Token, TokenTypes.PasswordReset) ?? throw Problems.AuthEmailExpired.ToException();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == link.UserId, cancellationToken) ?? throw Problems.AuthEmailExpired.ToException();
        if (user.PasswordChangedAt is { } changedAt && link.CreatedAt is { } mintedAt
            && mintedAt.ToUnixTimeSeconds() <= new DateTimeOffset(changedAt, TimeSpan.Zero).ToUnixTimeSeconds())
        {
            throw Problems.AuthEmailExpired.With("This link was already used, or the password changed since it was sent; ask for a new one.");
        }

        await changer.ChangeAsync(user, command.NewPassword, cancellationToken);
        return Unit.Value;
    }
}
