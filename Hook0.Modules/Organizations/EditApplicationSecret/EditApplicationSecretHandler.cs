using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Common;
using Hook0.Modules.Organizations.SecretsAtRest;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.EditApplicationSecret;

internal sealed class EditApplicationSecretValidator : AbstractValidator<EditApplicationSecretCommand>
{
    public EditApplicationSecretValidator() => RuleFor(c => c.Name).ValidSecretName();
}

internal sealed class EditApplicationSecretHandler(OrganizationsDbContext db, CredentialSealing sealing, AuditTrail audit) : ICommandHandler<EditApplicationSecretCommand, ApplicationSecretDto>
{
    public async ValueTask<ApplicationSecretDto> Handle(EditApplicationSecretCommand command, CancellationToken cancellationToken)
    {
        // Looked up within the authorized application: a token of another application is simply not found.
        var hash = sealing.HashToken(command.Token);
        var secret = await db.ApplicationSecrets.FirstOrDefaultAsync(
                s => s.TokenHash == hash && s.ApplicationId == command.ApplicationId && s.DeletedAt == null, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        secret.Name = command.Name;
        await audit.SaveChangesAsync(db, new AuditChange(null, "application_secret", ApplicationSecretAudit.EntityId(hash), "update") { ApplicationId = command.ApplicationId },
            cancellationToken);
        return new ApplicationSecretDto(secret.Name, command.Token, secret.CreatedAt, secret.DeletedAt);
    }
}
