using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Common;
using Hook0.Modules.Organizations.SystemApplication;
using Mediator;

namespace Hook0.Modules.Organizations.CreateOrganization;

internal sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganizationCommand>
{
    public CreateOrganizationValidator() => RuleFor(c => c.Name).ValidName();
}

internal sealed class CreateOrganizationHandler(OrganizationsDbContext db, OrganizationInfoReader reader, IPublisher publisher, AuditTrail audit, TimeProvider time)
    : ICommandHandler<CreateOrganizationCommand, OrganizationInfo>
{
    public async ValueTask<OrganizationInfo> Handle(CreateOrganizationCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        var organization = new Organization { Id = Guid.NewGuid(), Name = command.Name, CreatedAt = now, CreatedBy = command.Caller.UserId };
        if (command.Caller is { Kind: CallerKind.User, UserId: { } userId })
        {
            organization.Members.Add(new Membership { UserId = userId, OrganizationId = organization.Id, Role = "editor", CreatedAt = now });
        }

        db.Organizations.Add(organization);
        // With the organization, in the same SaveChanges (one transaction): reading its operational
        // webhooks later is then a pure read (ADR 0015).
        var system = SystemApplications.For(organization.Id, now);
        db.Applications.Add(system);
        await audit.SaveChangesAsync(db, new AuditChange(organization.Id, "organization", organization.Id, "create"), cancellationToken);
        await publisher.Publish(new OrganizationCreatedNotification(organization.Id, system.Id), cancellationToken);
        return (await reader.ReadAsync(organization.Id, cancellationToken))!;
    }
}
