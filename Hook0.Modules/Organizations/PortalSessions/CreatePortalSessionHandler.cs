using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Kernel.Validation;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>
/// The scope's bounds are the subscriptions' (a portal subscription carries the scope's labels, so they must be valid
/// labels there): 1 to 10 labels of 1 to 50 characters. A scope always has labels: without them one customer would
/// see every other one's endpoints.
/// </summary>
internal sealed class CreatePortalSessionValidator : AbstractValidator<CreatePortalSessionCommand>
{
    public CreatePortalSessionValidator()
    {
        RuleFor(c => c.Labels)
            .Must(m => m.Count is >= 1 and <= 10).WithErrorCode("labels-size").WithMessage("must contain between 1 and 10 entries")
            .Must(m => m.All(kv => RuleExtensions.HasCharacters(kv.Key, 1, 50) && RuleExtensions.HasCharacters(kv.Value, 1, 50)))
            .WithErrorCode("labels-property-length").WithMessage("keys and values must be between 1 and 50 characters long");
        RuleFor(c => c.EventTypes)
            .Must(t => t.Count <= 100).WithErrorCode("event-types-size").WithMessage("must contain at most 100 event types")
            .Must(t => t.All(n => n is { Length: >= 1 and <= 200 })).WithErrorCode("event-types-name-length").WithMessage("each event type must be between 1 and 200 characters long");
        RuleFor(c => c.LifetimeSeconds).InclusiveBetween(60, CreatePortalSessionCommand.MaxLifetimeSeconds)
            .WithErrorCode("lifetime").WithMessage($"must be between 60 and {CreatePortalSessionCommand.MaxLifetimeSeconds} seconds (7 days)")
            .OverridePropertyName("lifetime_in_s");
    }
}

internal sealed class CreatePortalSessionHandler(
    OrganizationsDbContext db, PortalTokens tokens, SecretBox box, IOptions<ServerOptions> server, AuditTrail audit, TimeProvider time)
    : ICommandHandler<CreatePortalSessionCommand, PortalSessionCreated>
{
    public async ValueTask<PortalSessionCreated> Handle(CreatePortalSessionCommand command, CancellationToken cancellationToken)
    {
        // The session lives as long as its issuer: only a credential that can be revoked may issue one (not the
        // master key, not an application secret, whose revocation the token could not name).
        var (issuerRevocation, issuerSession) = command.Caller switch
        {
            { Kind: CallerKind.ServiceToken, RevocationId: { } hex } => (hex, (Guid?)null),
            { Kind: CallerKind.User, SessionId: { } session } => (null, session),
            _ => throw Problems.Forbidden.ToException(),
        };
        var organizationId = await db.Applications.AsNoTracking().Where(a => a.Id == command.ApplicationId && a.DeletedAt == null)
            .Select(a => (Guid?)a.OrganizationId).FirstOrDefaultAsync(cancellationToken) ?? throw Problems.Forbidden.ToException();

        var now = time.UtcNowForDatabase();
        // Whole seconds: a Biscuit date has no fraction, and the row and the token must agree.
        var expiresAt = DateTime.SpecifyKind(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(command.LifetimeSeconds), DateTimeKind.Utc);
        var id = Guid.NewGuid();
        var scope = new PortalScopeFacts(command.Labels, command.EventTypes.Distinct(StringComparer.Ordinal).ToList(), command.ReadOnly, expiresAt);
        var token = tokens.Mint(id, command.ApplicationId, organizationId, scope, issuerRevocation, issuerSession);
        db.PortalSessions.Add(new PortalSession
        {
            Id = id,
            ApplicationId = command.ApplicationId,
            OrganizationId = organizationId,
            SealedToken = box.Seal(token, PortalSessionSecrets.Token),
            IssuerRevocationId = issuerRevocation is null ? null : Convert.FromHexString(issuerRevocation),
            IssuerSessionId = issuerSession,
            ReadOnly = command.ReadOnly,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
        await audit.SaveChangesAsync(db, new AuditChange(organizationId, "portal_session", id, "issue") { ApplicationId = command.ApplicationId }, cancellationToken);

        // After '#': browsers never send a fragment, so the token stays out of server and proxy logs and Referer.
        var url = $"{server.Value.AppUrl.TrimEnd('/')}/portal/{command.ApplicationId}#token={Uri.EscapeDataString(token)}";
        return new PortalSessionCreated(id, url, expiresAt);
    }
}
