using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.DashboardSessions;

internal sealed class OpenDashboardSessionHandler(
    OrganizationsDbContext db, TokenVerifier verifier, SecretBox box, IOptions<DashboardSessionOptions> options, TimeProvider time)
    : ICommandHandler<OpenDashboardSessionCommand, string>
{
    public async ValueTask<string> Handle(OpenDashboardSessionCommand command, CancellationToken cancellationToken)
    {
        // The pair comes from this module's own login: its access token always names its token session.
        var sessionId = verifier.Verify(command.Tokens.AccessToken)?.SessionId
            ?? throw new InvalidOperationException("The access token names no session.");
        var secret = DashboardSessionSecrets.NewSecret();
        var now = time.UtcNowForDatabase();
        db.DashboardSessions.Add(new DashboardSession
        {
            Id = sessionId,
            LookupHash = box.LookupHash(secret, DashboardSessionSecrets.Lookup),
            UserId = command.Tokens.UserId,
            SealedAccessToken = box.Seal(command.Tokens.AccessToken, DashboardSessionSecrets.AccessToken),
            AccessTokenExpiresAt = command.Tokens.AccessTokenExpiration,
            SealedRefreshToken = box.Seal(command.Tokens.RefreshToken, DashboardSessionSecrets.RefreshToken),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.AbsoluteTimeout,
            UserAgent = DashboardSessionSecrets.Bounded(command.UserAgent, DashboardSession.UserAgentMaxLength),
            Address = DashboardSessionSecrets.Bounded(command.Address, DashboardSession.AddressMaxLength),
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }
}
