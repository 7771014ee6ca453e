using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.DashboardSessions;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>
/// Every portal action starts here: the page's secret finds the session, liveness is checked now, and the caller it
/// answers carries the sealed token (opened) and the liveness facts, so the Datalog authorizer runs the token's own
/// checks on each contract the portal sends. The scope is read from the token, which this instance signed, never from
/// the page.
/// </summary>
internal sealed class ResumePortalSessionHandler(OrganizationsDbContext db, TokenVerifier verifier, PortalLiveness liveness, SecretBox box)
    : IQueryHandler<ResumePortalSessionQuery, PortalScope?>
{
    public async ValueTask<PortalScope?> Handle(ResumePortalSessionQuery query, CancellationToken cancellationToken)
    {
        if (query.Secret.Length is 0 or > DashboardSessionSecrets.SecretMaxLength)
        {
            return null;
        }

        var hash = box.LookupHash(query.Secret, PortalSessionSecrets.Lookup);
        var session = await db.PortalSessions.AsNoTracking().FirstOrDefaultAsync(s => s.LookupHash == hash, cancellationToken);
        if (session is null || session.ApplicationId != query.ApplicationId
            || await liveness.LiveFactsAsync(session, cancellationToken) is not { } live
            || verifier.Verify(box.Open(session.SealedToken, PortalSessionSecrets.Token)) is not { } verified
            || PortalTokens.Read(verified.Token) is not { } facts)
        {
            return null;
        }

        var caller = new Caller(CallerKind.Portal, session.OrganizationId, session.ApplicationId, RateLimitKey: "portal:" + verified.RevocationIdHex)
        {
            Token = verified.Token,
            RevocationId = verified.RevocationIdHex,
            Facts = live,
        };
        return new PortalScope(session.Id, session.ApplicationId, caller, facts.Scope.Labels, facts.Scope.EventTypes, facts.Scope.ReadOnly, facts.Scope.ExpiresAt);
    }
}
