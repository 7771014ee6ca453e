using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.LoginProtection;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Modules.Kernel.Validation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ChangePassword;

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator()
    {
        RuleFor(c => c.NewPassword).ValidSecret(1, 1000);
        RuleFor(c => c.CurrentPassword!).ValidSecret(1, 1000).When(c => c.CurrentPassword is not null);
    }
}

internal sealed class ChangePasswordHandler(OrganizationsDbContext db, PasswordChanger changer, PasswordHasher hasher, AccountLockout lockout)
    : ICommandHandler<ChangePasswordCommand>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Caller.UserId, cancellationToken) ?? throw Problems.Forbidden.ToException();
        if (command.CurrentPassword is { } current)
        {
            // Counted as a login try: a stolen session cannot guess the password through this form faster than at login.
            var failures = await lockout.ClaimTryAsync(user.Id, cancellationToken);
            var matches = failures is not null && await Task.Run(() => hasher.Verify(current, user.PasswordHash), cancellationToken);
            if (!matches)
            {
                if (failures is { } count)
                {
                    await lockout.FailedAsync(user, count, cancellationToken);
                }

                throw ValidationProblem.ForField("current_password", "mismatch", "is not your current password");
            }

            await lockout.ClearAsync(user.Id, cancellationToken);
        }

        await changer.ChangeAsync(user, command.NewPassword, cancellationToken);
        return Unit.Value;
    }
}
