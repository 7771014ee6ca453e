using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Upstream's request authorization, restated in Datalog (reference §6.3): the authorizer holds the
/// time, the action, the allowed roles and the resource's ids; the token's own blocks (including the
/// checks of any attenuation) run against them. Overrunning the time budget is a 503, any other
/// refusal a 403.
/// </summary>
public sealed class DatalogAuthorizer(IOptions<TokenAuthorizationOptions> options, TimeProvider time)
{
    private const string Always = """
        valid_types(["master_access", "service_access", "user_access"]);
        valid_type($t) <- type($t), valid_types($vt), $vt.contains($t);
        check if valid_type($t);
        supported_version("service_access", 1);
        supported_version("user_access", 1);
        valid_version($t, $v) <- type($t), version($v), supported_version($t, $v);
        valid_version("master_access", 0) <- type("master_access");
        check if valid_version($t, $v);
        expired($t) <- expired_at($exp), time($t), $exp < $t;
        deny if expired($t);
        """;

    private const string ForOrganization = """
        organization_id($id) <- type("user_access"), organization_role($id, $r), $id == {organization_id};
        organization_id({organization_id}) <- type("master_access");
        role($r) <- type("user_access"), organization_id($id), organization_role($id, $r);
        valid_role($r) <- role($r), allowed_role($r);
        valid_role("service") <- type("service_access");
        valid_role("master") <- type("master_access");
        check if valid_role($r);
        check if organization_id({organization_id});
        """;

    private readonly RunLimits _limits = RunLimits.Default with { MaxTime = TimeSpan.FromMilliseconds(options.Value.MaxAuthorizationTimeMs) };

    public void Authorize(BiscuitToken token, Access access, Guid? organizationId)
    {
        var builder = new AuthorizerBuilder()
            .SetLimits(_limits)
            .AddTime(time.GetUtcNow())
            .AddCode(Always)
            .AddFact(new Fact("action", access.Action));
        if (organizationId is { } organization)
        {
            builder.AddCode(ForOrganization, new Dictionary<string, Term> { ["organization_id"] = AccessFacts.Uuid(organization) });
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

        builder.AddPolicy("allow if true");
        AuthorizationResult result;
        try
        {
            result = builder.Build(token).Authorize();
        }
        catch (RunLimitException e) when (e.Kind == BiscuitErrorKind.Timeout)
        {
            throw Problems.ServiceUnavailable.ToException();
        }
        catch (BiscuitException)
        {
            throw Problems.Forbidden.ToException();
        }

        if (!result.IsAuthorized)
        {
            throw Problems.Forbidden.ToException();
        }
    }
}
