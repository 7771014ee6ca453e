using System.Collections.Concurrent;
using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;
using Hook0.Biscuit.Parser;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Upstream's request authorization, restated in Datalog (reference §6.3): the authorizer holds the
/// time, the action, the allowed roles and the resource's ids; the token's own blocks (including the
/// checks of any attenuation) run against them. Overrunning the time budget is a 503, any other
/// refusal a 403. An allowed verdict is kept until the token's next time check (<see cref="AuthorizationDecisions"/>).
/// </summary>
public sealed class DatalogAuthorizer(IOptions<TokenAuthorizationOptions> options, TimeProvider time, AuthorizationDecisions? decisions)
{
    /// <summary>An authorizer that keeps no verdict (every access is evaluated).</summary>
    public DatalogAuthorizer(IOptions<TokenAuthorizationOptions> options, TimeProvider time)
        : this(options, time, null)
    {
    }

    private const string Always = """
        valid_types(["master_access", "service_access", "user_access", "portal_access"]);
        valid_type($t) <- type($t), valid_types($vt), $vt.contains($t);
        check if valid_type($t);
        supported_version("service_access", 1);
        supported_version("user_access", 1);
        supported_version("portal_access", 1);
        valid_version($t, $v) <- type($t), version($v), supported_version($t, $v);
        valid_version("master_access", 0) <- type("master_access");
        check if valid_version($t, $v);
        expired($t) <- expired_at($exp), time($t), $exp < $t;
        deny if expired($t);
        allow if true;
        """;

    private const string ForOrganization = """
        organization_id($id) <- type("user_access"), organization_role($id, $r), $id == {organization_id};
        organization_id({organization_id}) <- type("master_access");
        role($r) <- type("user_access"), organization_id($id), organization_role($id, $r);
        valid_role($r) <- role($r), allowed_role($r);
        valid_role("service") <- type("service_access");
        valid_role("master") <- type("master_access");
        valid_role("portal") <- type("portal_access");
        check if valid_role($r);
        check if organization_id({organization_id});
        """;

    /// <summary>Parsed once: reading the policy text on every request would cost more than evaluating it.</summary>
    private static readonly ParsedCode AlwaysParsed = DatalogParser.ParseAuthorizer(Always);

    private readonly RunLimits _limits = RunLimits.Default with { MaxTime = TimeSpan.FromMilliseconds(options.Value.MaxAuthorizationTimeMs) };

    /// <summary>The organization rules embed the organization id; they are parsed once per organization.</summary>
    private readonly ConcurrentDictionary<Guid, ParsedCode> _organizationRules = new();

    public void Authorize(BiscuitToken token, Access access, Guid? organizationId)
    {
        var now = time.GetUtcNow();
        if (decisions?.WasAllowed(token, access, organizationId, now) == true)
        {
            return;
        }

        var builder = new AuthorizerBuilder()
            .SetLimits(_limits)
            .AddTime(now)
            .AddFact(new Fact("action", access.Action.Name));
        Add(builder, AlwaysParsed);
        if (organizationId is { } organization)
        {
            Add(builder, OrganizationRules(organization));
        }

        if (access.ApplicationId is { } application)
        {
            builder.AddFact(AccessFacts.ApplicationId(application));
        }

        foreach (var role in Actions.AllowedRoles(access.Action))
        {
            builder.AddFact(new Fact("allowed_role", role));
        }

        foreach (var fact in access.Facts ?? [])
        {
            builder.AddFact(fact);
        }

        foreach (var fact in access.Caller.Facts ?? [])
        {
            builder.AddFact(fact);
        }

        AuthorizationResult result;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                result = builder.Build(token).Authorize();
                break;
            }
            catch (RunLimitException e) when (e.Kind == BiscuitErrorKind.Timeout && attempt == 1)
            {
                // The budget is wall-clock time: a GC pause or a starved CPU can overrun it on a
                // request that needs microseconds. One retry absorbs that; a token that is
                // expensive by construction overruns twice and gets the 503.
            }
            catch (RunLimitException e) when (e.Kind == BiscuitErrorKind.Timeout)
            {
                throw Problems.ServiceUnavailable.ToException();
            }
            catch (BiscuitException)
            {
                throw Problems.Forbidden.ToException();
            }
        }

        if (!result.IsAuthorized)
        {
            throw Problems.Forbidden.ToException();
        }

        decisions?.Allowed(token, access, organizationId, now);
    }

    private ParsedCode OrganizationRules(Guid organization)
    {
        if (_organizationRules.Count > 10_000)
        {
            _organizationRules.Clear(); // bounded: a cache, not a registry
        }

        return _organizationRules.GetOrAdd(organization, id =>
            DatalogParser.ParseAuthorizer(ForOrganization, new Dictionary<string, Term> { ["organization_id"] = AccessFacts.Uuid(id) }));
    }

    private static void Add(AuthorizerBuilder builder, ParsedCode code)
    {
        foreach (var fact in code.Facts)
        {
            builder.AddFact(fact);
        }

        foreach (var rule in code.Rules)
        {
            builder.AddRule(rule);
        }

        foreach (var check in code.Checks)
        {
            builder.AddCheck(check);
        }

        foreach (var policy in code.Policies)
        {
            builder.AddPolicy(policy);
        }
    }
}
