using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Members;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Modules.Organizations.Settings;
using Hook0.Modules.Organizations.SystemApplication;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.Register;

internal sealed class RegisterValidator : AbstractValidator<RegisterCommand>
{
    public RegisterValidator()
    {
        RuleFor(c => c.FirstName).ValidPersonName();
        RuleFor(c => c.LastName).ValidPersonName();
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).ValidSecret(1, 1000);
    }
}

internal sealed class RegisterHandler(
    OrganizationsDbContext db,
    PasswordPolicy policy,
    PasswordHasher hasher,
    TokenMinter minter,
    EmailMessages messages,
    IEmailSender email,
    IOptions<IdentityOptions> identity,
    IOptions<EmailOptions> emailOptions,
    IPublisher publisher,
    TimeProvider time) : ICommandHandler<RegisterCommand, Registration>
{
    public async ValueTask<Registration> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        if (identity.Value.DisableRegistration)
        {
            throw Problems.RegistrationDisabled.ToException();
        }

        var address = command.Email.Trim();
        policy.Enforce(command.Password, new PasswordOwner(address, command.FirstName, command.LastName));
        var now = time.UtcNowForDatabase();
        var verified = emailOptions.Value.AutoVerifyUsers;
        var user = new User
        {
            Id = Guid.NewGuid(),
            Email = address,
            NormalizedEmail = AccountRules.Normalize(address),
            FirstName = command.FirstName,
            LastName = command.LastName,
            // Hashing is deliberately slow (Argon2id): off the request thread's synchronous path.
            PasswordHash = await Task.Run(() => hasher.Hash(command.Password), cancellationToken),
            CreatedAt = now,
            EmailVerifiedAt = verified ? now : null,
            EmailVerificationSentAt = verified ? null : now,
        };
        var organization = new Organization
        {
            Id = Guid.NewGuid(),
            Name = $"{command.FirstName} {command.LastName}'s personal organization",
            CreatedAt = now,
            CreatedBy = user.Id,
        };
        organization.Members.Add(new Membership { UserId = user.Id, OrganizationId = organization.Id, Role = "editor", CreatedAt = now });
        db.Users.Add(user);
        db.Organizations.Add(organization);
        var system = SystemApplications.For(organization.Id, now);
        db.Applications.Add(system);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw Problems.UserAlreadyExist.ToException();
        }

        await publisher.Publish(new OrganizationCreatedNotification(organization.Id, system.Id), cancellationToken);

        if (!verified)
        {
            var link = minter.EmailLink(TokenTypes.EmailVerification, user.Id, TokenTypes.EmailVerificationLifetime);
            // A mail failure does not undo the account: the user asks for the link again (resend).
            await email.TrySendAsync(messages.Verification(new EmailRecipient(user.Email, user.FirstName, user.LastName), link.Biscuit), cancellationToken);
        }

        return new Registration(organization.Id, user.Id, VerificationSent: !verified);
    }
}
