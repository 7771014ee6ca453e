using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hook0.Biscuit;
using Hook0.Modules.Kernel.Notifications;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// The Datalog policy's "allowed" verdicts, kept per token and access so a hot producer's token is
/// evaluated once, not on every request. A verdict is kept until the token's earliest time check ahead
/// (<see cref="TokenTimeChecks"/>), at most <see cref="LongestKept"/>, and dropped at once when the
/// root token is revoked: revocations are announced on the cache channel under <see cref="RevocationTopic"/>
/// with the authority block's revocation id, which is how verdicts are grouped. Refusals are never
/// kept (they are rare, and a refused token must not fill the cache). Accesses carrying action facts
/// (labels, ids an attenuation may test) are not kept either: only the plain ones are hot.
/// </summary>
public sealed class AuthorizationDecisions
{
    /// <summary>The topic Organizations announces revoked root tokens under (its <c>TokenRevocations</c>).</summary>
    public const string RevocationTopic = "token";

    public static readonly TimeSpan LongestKept = TimeSpan.FromMinutes(5);

    /// <summary>Verdicts kept per root token: far above the actions and applications one token really uses.</summary>
    private const int MaxPerRoot = 1_000;

    private readonly ConditionalWeakTable<BiscuitToken, TokenTimeChecks> _tokens = new();
    private readonly InvalidatedCache<string, ConcurrentDictionary<Key, DateTimeOffset>> _allowed;

    public AuthorizationDecisions(PgNotificationHub hub, TimeProvider time)
    {
        _allowed = new(hub, time, LongestKept, RevocationTopic, (string text, out string key) => { key = text; return text.Length > 0; });
    }

    /// <summary>Whether this exact access was allowed for this token and that verdict still holds.</summary>
    public bool WasAllowed(BiscuitToken token, Access access, Guid? organizationId, DateTimeOffset now)
        => KeyOf(token, access, organizationId) is { } key
            && _allowed.GetOrAdd(access.Caller.RevocationId!, NewVerdicts).TryGetValue(key, out var until)
            && now < until;

    public void Allowed(BiscuitToken token, Access access, Guid? organizationId, DateTimeOffset now)
    {
        if (KeyOf(token, access, organizationId) is not { } key)
        {
            return;
        }

        var checks = _tokens.GetValue(token, TokenTimeChecks.Of);
        var until = now + LongestKept;
        if (checks.HoldsUntil(now) is { } boundary && boundary < until)
        {
            until = boundary;
        }

        var verdicts = _allowed.GetOrAdd(access.Caller.RevocationId!, NewVerdicts);
        if (verdicts.Count >= MaxPerRoot)
        {
            verdicts.Clear();
        }

        verdicts[key] = until;
    }

    private Key? KeyOf(BiscuitToken token, Access access, Guid? organizationId)
    {
        // A caller's own facts (a portal session's liveness) hold for this access only: never kept either.
        if (access.Caller.RevocationId is null || access.Facts is { Count: > 0 } || access.Caller.Facts is { Count: > 0 })
        {
            return null;
        }

        var checks = _tokens.GetValue(token, TokenTimeChecks.Of);
        return checks.Cacheable ? new Key(checks.Identity, access.Action, organizationId, access.ApplicationId) : null;
    }

    private static ConcurrentDictionary<Key, DateTimeOffset> NewVerdicts(string _) => new();

    private readonly record struct Key(string Token, ActionName Action, Guid? OrganizationId, Guid? ApplicationId);
}
