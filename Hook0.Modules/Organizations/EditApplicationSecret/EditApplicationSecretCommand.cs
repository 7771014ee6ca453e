using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.EditApplicationSecret;

internal sealed class EditApplicationSecretValidator : AbstractValidator<EditApplicationSecretCommand>
{
    public EditApplicationSecretValidator() => RuleFor(c => c.Name).ValidSecretName();
}

internal sealed class EditApplicationSecretHandler(OrganizationsDbContext db) : ICommandHandler<EditApplicationSecretCommand, ApplicationSecretDto>
{
    public async ValueTask<ApplicationSecretDto> Handle(EditApplicationSecretCommand command, CancellationToken cancellationToken)
    {
        // Looked up within the authorized application: a token of another application is simply not found.
        var secret = await db.ApplicationSecrets.FirstOrDefaultAsync(
                s => s.Token == command.Token && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        secret.Name = command.Name;
        await db.SaveChangesAsync(cancellationToken);
        return new ApplicationSecretDto(secret.Name, secret.Token, secret.CreatedAt, secret.DeletedAt);
    }
}
