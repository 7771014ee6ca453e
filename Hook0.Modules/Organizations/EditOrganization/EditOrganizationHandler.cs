using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.EditOrganization;

internal sealed class EditOrganizationValidator : AbstractValidator<EditOrganizationCommand>
{
    public EditOrganizationValidator() => RuleFor(c => c.Name).ValidName();
}

internal sealed class EditOrganizationHandler(OrganizationsDbContext db, OrganizationInfoReader reader)
    : ICommandHandler<EditOrganizationCommand, OrganizationInfo>
{
    public async ValueTask<OrganizationInfo> Handle(EditOrganizationCommand command, CancellationToken cancellationToken)
    {
        var renamed = await db.Organizations.Where(o => o.Id == command.OrganizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, command.Name), cancellationToken);
        if (renamed == 0)
        {
            throw Problems.NotFound.ToException();
        }

        return (await reader.ReadAsync(command.OrganizationId, cancellationToken))!;
    }
}
