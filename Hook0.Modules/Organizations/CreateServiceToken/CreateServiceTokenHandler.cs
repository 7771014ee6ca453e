using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.ServiceTokens;
using Hook0.Modules.Organizations.Tokens;
using Mediator;

namespace Hook0.Modules.Organizations.CreateServiceToken;

internal sealed class CreateServiceTokenValidator : AbstractValidator<CreateServiceTokenCommand>
{
    public CreateServiceTokenValidator() => RuleFor(c => c.Name).ValidTokenName();
}

internal sealed class CreateServiceTokenHandler(OrganizationsDbContext db, CredentialSealing sealing, TokenMinter minter, AuditTrail audit, TimeProvider time)
    : ICommandHandler<CreateServiceTokenCommand, ServiceTokenDto>
{
    public async ValueTask<ServiceTokenDto> Handle(CreateServiceTokenCommand command, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var minted = minter.ServiceAccess(id, command.OrganizationId);
        var token = new Token
        {
            Id = id,
            Type = TokenTypes.ServiceAccess,
            RevocationId = minted.RevocationId,
            CreatedAt = time.UtcNowForDatabase(),
            OrganizationId = command.OrganizationId,
            Name = command.Name,
            Biscuit = sealing.SealBiscuit(minted.Biscuit),
        };
        db.Tokens.Add(token);
        await audit.SaveChangesAsync(db, new AuditChange(command.OrganizationId, "service_token", token.Id, "issue"), cancellationToken);
        return token.ToDto(sealing);
    }
}
