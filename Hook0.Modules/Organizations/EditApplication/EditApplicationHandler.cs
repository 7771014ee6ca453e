using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.EditApplication;

internal sealed class EditApplicationValidator : AbstractValidator<EditApplicationCommand>
{
    public EditApplicationValidator() => RuleFor(c => c.Name).ValidName();
}

internal sealed class EditApplicationHandler(OrganizationsDbContext db) : ICommandHandler<EditApplicationCommand, ApplicationDto>
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
        await db.SaveChangesAsync(cancellationToken);
        return new ApplicationDto(application.Id, application.OrganizationId, application.Name);
    }
}
