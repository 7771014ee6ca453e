using FluentValidation;
using Hook0.Modules.Kernel.Validation;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Modules.Organizations.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ServiceTokens;

/// <summary>What every service-token use case shares: the name rule and the live tokens of an organization.</summary>
internal static class ServiceTokenRules
{
    /// <summary>Service token names: 1 to 50 characters, no control characters.</summary>
    public static IRuleBuilderOptions<T, string?> ValidTokenName<T>(this IRuleBuilder<T, string?> rule)
        => rule.Chars(1, 50).NoControlCharacters();

    /// <summary>The organization's service tokens that are not revoked.</summary>
    public static IQueryable<Token> LiveServiceTokens(this OrganizationsDbContext db, Guid organizationId)
        => db.Tokens.Where(t => t.OrganizationId == organizationId && t.Type == TokenTypes.ServiceAccess && t.ExpiredAt == null);

    public static async Task<Token> FindLiveAsync(this OrganizationsDbContext db, Guid organizationId, Guid tokenId, CancellationToken cancellationToken)
        => await db.LiveServiceTokens(organizationId).FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken)
            ?? throw Kernel.Errors.Problems.NotFound.ToException();

    /// <summary>Shown with its Biscuit, as upstream does: opened on the way out (it is kept sealed).</summary>
    public static ServiceTokenDto ToDto(this Token token, CredentialSealing sealing)
        => new(token.Id, token.Name!, sealing.OpenBiscuit(token.Biscuit!), token.CreatedAt);
}
