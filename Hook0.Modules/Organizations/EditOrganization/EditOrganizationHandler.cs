using Hook0.Modules.Kernel.Audit;
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

internal sealed class EditOrganizationHandler(OrganizationsDbContext db, OrganizationInfoReader reader, AuditTrail audit)
    : ICommandHandler<EditOrganizationCommand, OrganizationInfo>
{
    public async ValueTask<OrganizationInfo> Handle(EditOrganizationCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var renamed = await db.Organizations.Where(o => o.Id == command.OrganizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, command.Name), cancellationToken);
        if (renamed == 0)
        {
            throw Problems.NotFound.ToException();
        }

        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(command.OrganizationId, "organization", command.OrganizationId, "update")
        {
            Details = new Dictionary<string, object?> { ["organization.name"] = new { to = command.Name } },
        }), db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return (await reader.ReadAsync(command.OrganizationId, cancellationToken))!;
    }
}
