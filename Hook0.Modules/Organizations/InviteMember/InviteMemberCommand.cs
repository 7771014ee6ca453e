using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Quotas;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Members;
using Hook0.Modules.Organizations.Quotas;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.InviteMember;

internal sealed class InviteMemberValidator : AbstractValidator<InviteMemberCommand>
{
    public InviteMemberValidator() => RuleFor(c => c.Email).ValidEmail();
}

internal sealed class InviteMemberHandler(OrganizationsDbContext db, QuotaResolver quotas, EmailMessages messages, IEmailSender email, TimeProvider time)
    : ICommandHandler<InviteMemberCommand, InvitedMember>
{
    public async ValueTask<InvitedMember> Handle(InviteMemberCommand command, CancellationToken cancellationToken)
    {
        MemberRules.EnsureValidRole(command.Role);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var limits = await quotas.ForOrganizationAsync(command.OrganizationId, cancellationToken);
        if (limits.Enforced)
        {
            await QuotaGate.LockAsync(db, "members", command.OrganizationId, cancellationToken);
            var members = await db.Memberships.CountAsync(m => m.OrganizationId == command.OrganizationId, cancellationToken);
            QuotaGate.EnsureRoom(members, limits.MembersPerOrganization, Problems.TooManyMembersPerOrganization);
        }

        var normalized = command.Email.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw Problems.InvitedUserDoesNotExist.ToException();
        if (await db.Memberships.AnyAsync(m => m.OrganizationId == command.OrganizationId && m.UserId == user.Id, cancellationToken))
        {
            throw Problems.InvitedUserAlreadyInOrganization.ToException();
        }

        db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = command.OrganizationId, Role = command.Role, CreatedAt = time.UtcNowForDatabase() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw Problems.InvitedUserAlreadyInOrganization.ToException();
        }

        await transaction.CommitAsync(cancellationToken);
        var organizationName = await db.Organizations.Where(o => o.Id == command.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        await email.TrySendAsync(messages.Invitation(new EmailRecipient(user.Email, user.FirstName, user.LastName), organizationName, command.Role), cancellationToken);
        return new InvitedMember(command.Email, command.Role);
    }
}
