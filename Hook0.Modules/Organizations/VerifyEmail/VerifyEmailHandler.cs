using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Sessions;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.VerifyEmail;

internal sealed class VerifyEmailValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailValidator() => RuleFor(c => c.Token).ValidLinkToken();
}

internal sealed class VerifyEmailHandler(
    OrganizationsDbContext db,
    EmailLinks links,
    SessionIssuer sessions,
    EmailMessages messages,
    IEmailSender email,
    TimeProvider time) : ICommandHandler<VerifyEmailCommand, LoginResponse>
{
    public async ValueTask<LoginResponse> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        var userId = links.Read(command.Token, TokenTypes.EmailVerification)?.UserId ?? throw Problems.AuthEmailExpired.ToException();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw Problems.AuthEmailExpired.ToException();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.UtcNowForDatabase();
        // Conditional update: of two concurrent uses of one link, only one verifies.
        var verified = await db.Users.Where(u => u.Id == userId && u.EmailVerifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailVerifiedAt, now), cancellationToken);
        if (verified == 0)
        {
            throw Problems.AuthEmailAlreadyVerified.ToException();
        }

        user.LastLogin = now;
        var response = await sessions.IssueAsync(user, Guid.NewGuid(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await email.TrySendAsync(messages.Welcome(new EmailRecipient(user.Email, user.FirstName, user.LastName)), cancellationToken);
        return response;
    }
}
