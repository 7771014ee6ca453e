using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.LoginProtection;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Modules.Organizations.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Login;

internal sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        RuleFor(c => c.Email).NotNull().Must(e => e is { Length: >= 1 and <= 100 }).WithErrorCode("length").WithMessage("must be between 1 and 100 characters long");
        RuleFor(c => c.Password).ValidSecret(1, 100);
    }
}

internal sealed class LoginHandler(OrganizationsDbContext db, PasswordHasher hasher, AccountLockout lockout, SessionIssuer sessions, AuditTrail audit, TimeProvider time)
    : ICommandHandler<LoginCommand, LoginResponse>
{
    public async ValueTask<LoginResponse> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(command.Email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        // The try is counted before the password is checked (see AccountLockout); a waiting or locked
        // account, like an unknown address, costs the same hashing time and gets the same answer as a
        // wrong password: neither the lockout nor the account's existence shows.
        var failures = user is null ? null : await lockout.ClaimTryAsync(user.Id, cancellationToken);
        var matches = await Task.Run(() => user is null || failures is null ? hasher.VerifyDummy(command.Password) && false : hasher.Verify(command.Password, user.PasswordHash), cancellationToken);
        if (user is null || failures is not { } count)
        {
            if (user is not null)
            {
                // A try on a waiting or locked account: the owner sees it on their profile, the caller learns nothing.
                await audit.RecordAccountEventAsync(user.Id, "sign_in_failed", cancellationToken);
            }

            throw Problems.AuthFailedLogin.ToException();
        }

        if (!matches)
        {
            await audit.RecordAccountEventAsync(user.Id, "sign_in_failed", cancellationToken);
            await lockout.FailedAsync(user, count, cancellationToken);
            throw Problems.AuthFailedLogin.ToException();
        }

        await lockout.ClearAsync(user.Id, cancellationToken);
        if (user.EmailVerifiedAt is null)
        {
            throw Problems.AuthEmailNotVerified.ToException();
        }

        user.LastLogin = time.UtcNowForDatabase();
        var response = await sessions.IssueAsync(user, Guid.NewGuid(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAccountEventAsync(user.Id, "sign_in", cancellationToken);
        return response;
    }
}
