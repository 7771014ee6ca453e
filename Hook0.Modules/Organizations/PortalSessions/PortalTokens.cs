using Hook0.Biscuit;
using Hook0.Biscuit.Datalog;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Keys;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>
/// The <c>portal_access</c> token (ADR 0028): minted from the root key with the scope as facts and, as its own
/// checks, everything the Datalog authorizer must find before any portal action runs — the one application, the
/// allowed actions, the expiry, and the liveness of the session and of its issuer, which only the authenticator can
/// vouch for (<see cref="LiveSession"/>, <see cref="LiveIssuer"/>, <see cref="LiveIssuerSession"/>).
/// </summary>
internal sealed class PortalTokens(BiscuitRootKey key)
{
    public const string Type = "portal_access";
    public const long Version = 1;

    /// <summary>What a read-only portal may do: read its endpoints, the catalogue, and its deliveries.</summary>
    public static readonly IReadOnlyList<ActionName> ReadActions =
    [
        Actions.SubscriptionList, Actions.SubscriptionGet, Actions.EventTypeList, Actions.EventTypeGet,
        Actions.EventGet, Actions.RequestAttemptList, Actions.RequestAttemptGet, Actions.ResponseGet,
    ];

    /// <summary>And what an editing portal may do on top: manage its endpoints, send test events, retry and replay.</summary>
    public static readonly IReadOnlyList<ActionName> WriteActions =
        [Actions.SubscriptionCreate, Actions.SubscriptionEdit, Actions.SubscriptionDelete, Actions.EventIngest, Actions.EventReplay];

    private const string Code = """
        type({type});
        version({version});
        portal_session_id({session});
        portal_application_id({application});
        organization_id({organization});
        portal_read_only({read_only});
        expired_at({expires});
        check if time($t), $t < {expires};
        check if application_id({application});
        check if action($a), {actions}.contains($a);
        check if portal_session_id($s), live_portal_session($s);
        """;

    public static Fact LiveSession(Guid sessionId) => new("live_portal_session", AccessFacts.Uuid(sessionId));

    public static Fact LiveIssuer(string revocationIdHex) => new("live_issuer", revocationIdHex);

    public static Fact LiveIssuerSession(Guid sessionId) => new("live_issuer_session", AccessFacts.Uuid(sessionId));

    public string Mint(Guid sessionId, Guid applicationId, Guid organizationId, PortalScopeFacts scope, string? issuerRevocationHex, Guid? issuerSessionId)
    {
        var actions = scope.ReadOnly ? ReadActions : [.. ReadActions, .. WriteActions];
        var builder = BiscuitToken.CreateBuilder(key.KeyPair).AddCode(Code, new Dictionary<string, Term>
        {
            ["type"] = Type,
            ["version"] = Version,
            ["session"] = AccessFacts.Uuid(sessionId),
            ["application"] = AccessFacts.Uuid(applicationId),
            ["organization"] = AccessFacts.Uuid(organizationId),
            ["read_only"] = scope.ReadOnly,
            ["expires"] = new DateTimeOffset(scope.ExpiresAt, TimeSpan.Zero),
            ["actions"] = SetTerm.Sorted(actions.Select(a => (Term)a.Name)),
        });
        if (issuerRevocationHex is not null)
        {
            builder.AddFact(new Fact("issuer_revocation_id", issuerRevocationHex));
            builder.AddCheck("check if issuer_revocation_id($r), live_issuer($r)");
        }
        else
        {
            builder.AddFact(new Fact("issuer_session_id", AccessFacts.Uuid(issuerSessionId!.Value)));
            builder.AddCheck("check if issuer_session_id($s), live_issuer_session($s)");
        }

        foreach (var (name, value) in scope.Labels)
        {
            builder.AddFact(new Fact("portal_label", name, value));
        }

        foreach (var eventType in scope.EventTypes)
        {
            builder.AddFact(new Fact("portal_event_type", eventType));
        }

        return builder.Build().ToBase64();
    }

    /// <summary>Reads the scope back from a verified token's authority block (the only block this instance signed); null when it is not a portal token.</summary>
    public static PortalTokenFacts? Read(BiscuitToken token)
    {
        var facts = token.Blocks[0].Block.Facts;
        if (Single(facts, "type") is not StringTerm { Value: Type } || Single(facts, "version") is not IntegerTerm { Value: Version }
            || Single(facts, "portal_session_id") is not { } sessionTerm || AccessFacts.ToGuid(sessionTerm) is not { } sessionId
            || Single(facts, "portal_application_id") is not { } applicationTerm || AccessFacts.ToGuid(applicationTerm) is not { } applicationId
            || Single(facts, "expired_at") is not DateTerm expires)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fact in facts.Where(f => f.Predicate is { Name: "portal_label", Terms.Length: 2 }))
        {
            if (fact.Predicate.Terms[0] is StringTerm name && fact.Predicate.Terms[1] is StringTerm value)
            {
                labels[name.Value] = value.Value;
            }
        }

        var eventTypes = facts.Where(f => f.Predicate is { Name: "portal_event_type", Terms.Length: 1 })
            .Select(f => f.Predicate.Terms[0]).OfType<StringTerm>().Select(t => t.Value).Order(StringComparer.Ordinal).ToList();
        var readOnly = Single(facts, "portal_read_only") is BoolTerm { Value: true };
        return new PortalTokenFacts(sessionId, applicationId,
            new PortalScopeFacts(labels, eventTypes, readOnly, DateTimeOffset.FromUnixTimeSeconds((long)expires.SecondsSinceEpoch).UtcDateTime));
    }

    private static Term? Single(IEnumerable<Fact> facts, string name)
        => facts.FirstOrDefault(f => f.Predicate.Name == name && f.Predicate.Terms.Length == 1)?.Predicate.Terms[0];
}

/// <summary>The scope a portal token states.</summary>
internal sealed record PortalScopeFacts(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> EventTypes, bool ReadOnly, DateTime ExpiresAt);

internal sealed record PortalTokenFacts(Guid SessionId, Guid ApplicationId, PortalScopeFacts Scope);
