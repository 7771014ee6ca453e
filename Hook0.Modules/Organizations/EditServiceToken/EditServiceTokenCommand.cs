using FluentValidation;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.ServiceTokens;
using Mediator;

namespace Hook0.Modules.Organizations.EditServiceToken;

/// <summary>Renames a service token (the token itself, and its attenuations, are unchanged).</summary>
public sealed record EditServiceTokenCommand(Caller Caller, Guid TokenId, Guid OrganizationId, string Name) : ICommand<ServiceTokenDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenEdit, OrganizationId, Facts: [AccessFacts.ServiceTokenId(TokenId)]);
}

internal sealed class EditServiceTokenValidator : AbstractValidator<EditServiceTokenCommand>
{
    public EditServiceTokenValidator() => RuleFor(c => c.Name).ValidTokenName();
}

internal sealed class EditServiceTokenHandler(OrganizationsDbContext db) : ICommandHandler<EditServiceTokenCommand, ServiceTokenDto>
{
    public async ValueTask<ServiceTokenDto> Handle(EditServiceTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await db.FindLiveAsync(command.OrganizationId, command.TokenId, cancellationToken);
        token.Name = command.Name;
        await db.SaveChangesAsync(cancellationToken);
        return token.ToDto();
    }
}
