using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.DashboardSessions;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>
/// The one use of a link: the token must verify against the root key, be a portal token for the page's application,
/// and its session must be live and not yet exchanged. The exchange is one conditional update, so two tabs opening the
/// same link race and only one wins. The page gets a fresh random secret; the row keeps only its keyed hash.
/// </summary>
internal sealed class ExchangePortalLinkHandler(OrganizationsDbContext db, TokenVerifier verifier, PortalLiveness liveness, SecretBox box, TimeProvider time)
    : ICommandHandler<ExchangePortalLinkCommand, PortalExchange>
{
    private static readonly PortalExchange Invalid = new(PortalLinkOutcome.Invalid, null);

    public async ValueTask<PortalExchange> Handle(ExchangePortalLinkCommand command, CancellationToken cancellationToken)
    {
        if (command.Token.Length is 0 or > PortalSessionSecrets.TokenMaxLength
            || verifier.Verify(command.Token) is not { Type: PortalTokens.Type } verified
            || PortalTokens.Read(verified.Token) is not { } facts)
        {
            return Invalid;
        }

        if (facts.ApplicationId != command.ApplicationId)
        {
            return new(PortalLinkOutcome.OtherApplication, null);
        }

        var session = await db.PortalSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == facts.SessionId, cancellationToken);
        if (session is null || box.Open(session.SealedToken, PortalSessionSecrets.Token) != command.Token)
        {
            return Invalid;
        }

        if (session.ExchangedAt is not null)
        {
            return new(PortalLinkOutcome.Used, null);
        }

        if (await liveness.LiveFactsAsync(session, cancellationToken) is null)
        {
            return new(PortalLinkOutcome.Ended, null);
        }

        var secret = DashboardSessionSecrets.NewSecret();
        var hash = box.LookupHash(secret, PortalSessionSecrets.Lookup);
        var now = time.UtcNowForDatabase();
        var exchanged = await db.PortalSessions.Where(s => s.Id == session.Id && s.ExchangedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExchangedAt, now).SetProperty(x => x.LookupHash, hash), cancellationToken);
        return exchanged == 1 ? new(PortalLinkOutcome.Opened, secret) : new(PortalLinkOutcome.Used, null);
    }
}
