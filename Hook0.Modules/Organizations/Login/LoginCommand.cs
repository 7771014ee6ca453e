using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
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

internal sealed class LoginHandler(OrganizationsDbContext db, PasswordHasher hasher, SessionIssuer sessions, TimeProvider time)
    : ICommandHandler<LoginCommand, LoginResponse>
{
    public async ValueTask<LoginResponse> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(command.Email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        // An unknown address costs the same hashing time as a wrong password: no enumeration by timing.
        var matches = await Task.Run(() => user is null ? hasher.VerifyDummy(command.Password) && false : hasher.Verify(command.Password, user.PasswordHash), cancellationToken);
        if (user is null || !matches)
        {
            throw Problems.AuthFailedLogin.ToException();
        }

        if (user.EmailVerifiedAt is null)
        {
            throw Problems.AuthEmailNotVerified.ToException();
        }

        user.LastLogin = time.UtcNowForDatabase();
        var response = await sessions.IssueAsync(user, Guid.NewGuid(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
