using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Quotas;
using Hook0.Modules.Organizations.Accounts;
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

/// <summary>
/// Creates (or renews) a pending invitation; nobody joins without accepting it (ADR 0015). Whether the
/// address has an account changes only which e-mail is sent, never the answer: inviting is no way to
/// learn who is registered.
/// </summary>
internal sealed class InviteMemberHandler(OrganizationsDbContext db, QuotaResolver quotas, EmailMessages messages, IEmailSender email, AuditTrail audit, TimeProvider time)
    : ICommandHandler<InviteMemberCommand, InvitedMember>
{
    /// <summary>Inviting the same address again within this time changes the role but sends no second e-mail.</summary>
    private static readonly TimeSpan ResendAfter = TimeSpan.FromHours(1);

    public async ValueTask<InvitedMember> Handle(InviteMemberCommand command, CancellationToken cancellationToken)
    {
        MemberRules.EnsureValidRole(command.Role);
        var normalized = AccountRules.Normalize(command.Email);
        var now = time.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One lock for the members quota and the pending cap: invitations count against both.
        await QuotaGate.LockAsync(db, "members", command.OrganizationId, cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is not null && await db.Memberships.AnyAsync(m => m.OrganizationId == command.OrganizationId && m.UserId == user.Id, cancellationToken))
        {
            // The inviter can already see the organization's members: this reveals nothing new.
            throw Problems.InvitedUserAlreadyInOrganization.ToException();
        }

        var pending = db.Invitations.Where(i => i.OrganizationId == command.OrganizationId && i.ExpiresAt > now);
        var existing = await db.Invitations.FirstOrDefaultAsync(i => i.OrganizationId == command.OrganizationId && i.NormalizedEmail == normalized, cancellationToken);
        var others = await pending.CountAsync(i => i.NormalizedEmail != normalized, cancellationToken);
        QuotaGate.EnsureRoom(others, Invitation.MaximumPendingPerOrganization, Problems.TooManyPendingInvitations);
        var limits = await quotas.ForOrganizationAsync(command.OrganizationId, cancellationToken);
        if (limits.Enforced)
        {
            var members = await db.Memberships.CountAsync(m => m.OrganizationId == command.OrganizationId, cancellationToken);
            QuotaGate.EnsureRoom(members + others, limits.MembersPerOrganization, Problems.TooManyMembersPerOrganization);
        }

        var send = existing is null || existing.ExpiresAt <= now || existing.CreatedAt < now - ResendAfter;
        if (existing is null)
        {
            existing = new Invitation { OrganizationId = command.OrganizationId, Email = command.Email.Trim(), NormalizedEmail = normalized, Role = command.Role };
            db.Invitations.Add(existing);
        }

        existing.Role = command.Role;
        existing.InvitedByUserId = command.Caller.UserId;
        if (send)
        {
            existing.CreatedAt = now;
            existing.ExpiresAt = now + Invitation.Lifetime;
        }

        await audit.SaveChangesAsync(db, new AuditChange(command.OrganizationId, "invitation", existing.Id, "invite"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (send)
        {
            var organizationName = await db.Organizations.Where(o => o.Id == command.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            await email.TrySendAsync(user is null
                ? messages.InvitationToRegister(new EmailRecipient(existing.Email, string.Empty, string.Empty), organizationName, command.Role)
                : messages.Invitation(new EmailRecipient(user.Email, user.FirstName, user.LastName), organizationName, command.Role), cancellationToken);
        }

        return new InvitedMember(command.Email, command.Role);
    }
}
