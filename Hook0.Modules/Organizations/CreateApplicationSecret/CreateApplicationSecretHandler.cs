using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Common;
using Hook0.Modules.Organizations.SecretsAtRest;
using Mediator;

namespace Hook0.Modules.Organizations.CreateApplicationSecret;

internal sealed class CreateApplicationSecretValidator : AbstractValidator<CreateApplicationSecretCommand>
{
    public CreateApplicationSecretValidator() => RuleFor(c => c.Name).ValidSecretName();
}

internal sealed class CreateApplicationSecretHandler(OrganizationsDbContext db, CredentialSealing sealing, AuditTrail audit, TimeProvider time)
    : ICommandHandler<CreateApplicationSecretCommand, ApplicationSecretDto>
{
    public async ValueTask<ApplicationSecretDto> Handle(CreateApplicationSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = sealing.NewSecret(command.ApplicationId, command.Name, time.UtcNowForDatabase());
        db.ApplicationSecrets.Add(secret);
        await audit.SaveChangesAsync(db, new AuditChange(null, "application_secret", ApplicationSecretAudit.EntityId(secret.TokenHash), "create")
        {
            ApplicationId = command.ApplicationId,
        }, cancellationToken);
        return new ApplicationSecretDto(secret.Name, sealing.OpenToken(secret), secret.CreatedAt, null);
    }
}
