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

internal sealed class CreateServiceTokenHandler(OrganizationsDbContext db, CredentialSealing sealing, TokenMinter minter, TimeProvider time)
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
        await db.SaveChangesAsync(cancellationToken);
        return token.ToDto(sealing);
    }
}
