using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.OperationalEmails;

/// <summary>Only editors can act on a failing endpoint; unverified addresses are not written to.</summary>
internal sealed class EmailSubscriptionHealthHandler(OrganizationsDbContext db, EmailMessages messages, IEmailSender sender)
    : ICommandHandler<EmailSubscriptionHealthCommand, int>
{
    public async ValueTask<int> Handle(EmailSubscriptionHealthCommand command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == command.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == command.ApplicationId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        if (organization is null || application is null)
        {
            return 0;
        }

        var editors = await (
                from m in db.Memberships.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                where m.OrganizationId == command.OrganizationId && m.Role == "editor" && u.EmailVerifiedAt != null
                orderby u.Email
                select new EmailRecipient(u.Email, u.FirstName, u.LastName))
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var editor in editors)
        {
            var message = messages.SubscriptionHealth(editor, new SubscriptionHealthNotice(command.OrganizationId, organization, command.ApplicationId, application,
                command.SubscriptionId, command.Description, command.TargetUrl, command.State, command.Reason));
            if (await sender.TrySendAsync(message, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }
}
