using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Modules.Organizations.ServiceTokens;
using Mediator;

namespace Hook0.Modules.Organizations.EditServiceToken;

internal sealed class EditServiceTokenValidator : AbstractValidator<EditServiceTokenCommand>
{
    public EditServiceTokenValidator() => RuleFor(c => c.Name).ValidTokenName();
}

internal sealed class EditServiceTokenHandler(OrganizationsDbContext db, CredentialSealing sealing, AuditTrail audit) : ICommandHandler<EditServiceTokenCommand, ServiceTokenDto>
{
    public async ValueTask<ServiceTokenDto> Handle(EditServiceTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await db.FindLiveAsync(command.OrganizationId, command.TokenId, cancellationToken);
        token.Name = command.Name;
        await audit.SaveChangesAsync(db, new AuditChange(command.OrganizationId, "service_token", token.Id, "update"), cancellationToken);
        return token.ToDto(sealing);
    }
}
