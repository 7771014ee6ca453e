using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Kernel.Quotas;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Modules.Organizations.Quotas;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Common;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.CreateApplication;

internal sealed class CreateApplicationValidator : AbstractValidator<CreateApplicationCommand>
{
    public CreateApplicationValidator() => RuleFor(c => c.Name).ValidName();
}

internal sealed class CreateApplicationHandler(OrganizationsDbContext db, CredentialSealing sealing, QuotaResolver quotas, AuditTrail audit, TimeProvider time) : ICommandHandler<CreateApplicationCommand, ApplicationDto>
{
    public async ValueTask<ApplicationDto> Handle(CreateApplicationCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == command.OrganizationId, cancellationToken))
        {
            throw Problems.NotFound.With("This organization does not exist.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var limits = await quotas.ForOrganizationAsync(command.OrganizationId, cancellationToken);
        if (limits.Enforced)
        {
            await QuotaGate.LockAsync(db, "applications", command.OrganizationId, cancellationToken);
            var count = await db.Applications.CountAsync(a => a.OrganizationId == command.OrganizationId && a.DeletedAt == null && !a.IsSystem, cancellationToken);
            QuotaGate.EnsureRoom(count, limits.ApplicationsPerOrganization, Problems.TooManyApplicationsPerOrganization);
        }

        var now = time.UtcNowForDatabase();
        var application = new HookApplication { Id = Guid.NewGuid(), OrganizationId = command.OrganizationId, Name = command.Name, CreatedAt = now, PayloadSearch = command.PayloadSearch };
        db.Applications.Add(application);
        db.ApplicationSecrets.Add(sealing.NewSecret(application.Id, "Default", now));
        await audit.SaveChangesAsync(db, new AuditChange(command.OrganizationId, "application", application.Id, "create"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ApplicationDto(application.Id, application.OrganizationId, application.Name, application.PayloadSearch);
    }
}
