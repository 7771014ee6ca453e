using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Authentication;
using Hook0.Modules.Organizations.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.EditApplication;

internal sealed class EditApplicationValidator : AbstractValidator<EditApplicationCommand>
{
    public EditApplicationValidator() => RuleFor(c => c.Name).ValidName();
}

internal sealed class EditApplicationHandler(OrganizationsDbContext db, CacheInvalidation invalidation, IPublisher publisher, AuditTrail audit) : ICommandHandler<EditApplicationCommand, ApplicationDto>
{
    public async ValueTask<ApplicationDto> Handle(EditApplicationCommand command, CancellationToken cancellationToken)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == command.ApplicationId && a.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        if (application.IsSystem)
        {
            throw Problems.SystemApplication.ToException();
        }

        application.Name = command.Name;
        var switched = command.PayloadSearch is { } search && search != application.PayloadSearch;
        application.PayloadSearch = command.PayloadSearch ?? application.PayloadSearch;
        await audit.SaveChangesAsync(db, new AuditChange(application.OrganizationId, "application", application.Id, "update"), cancellationToken);
        if (switched)
        {
            // After the commit: an instance that reloads on the notice must read the new value.
            await invalidation.ApplicationChangedAsync(db, application.Id, cancellationToken);
            await publisher.Publish(new PayloadSearchChangedNotification(application.Id), cancellationToken);
        }

        return new ApplicationDto(application.Id, application.OrganizationId, application.Name, application.PayloadSearch);
    }
}
