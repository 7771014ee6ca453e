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

internal sealed class EditServiceTokenHandler(OrganizationsDbContext db, CredentialSealing sealing) : ICommandHandler<EditServiceTokenCommand, ServiceTokenDto>
{
    public async ValueTask<ServiceTokenDto> Handle(EditServiceTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await db.FindLiveAsync(command.OrganizationId, command.TokenId, cancellationToken);
        token.Name = command.Name;
        await db.SaveChangesAsync(cancellationToken);
        return token.ToDto(sealing);
    }
}
