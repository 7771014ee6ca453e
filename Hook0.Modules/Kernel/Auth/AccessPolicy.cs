using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Decides whether a caller may perform an action, with upstream's outcomes: an application that does
/// not exist or was deleted is a 403 (not a 404), so ids of other tenants reveal nothing.
/// Tokens go through the Datalog policy (<see cref="DatalogAuthorizer"/>); the master key and
/// application secrets, which carry no Datalog of their own, get the same verdicts upstream's
/// on-the-fly tokens for them would, decided directly (ADR 0009).
/// </summary>
public sealed class AccessPolicy(IApplicationDirectory applications, DatalogAuthorizer datalog)
{
    /// <returns>The organization the access concerns, once resolved (null for organization-less actions).</returns>
    public async ValueTask<Guid?> AuthorizeAsync(Access access, CancellationToken cancellationToken)
    {
        var organizationId = access.OrganizationId;
        if (access.ApplicationId is { } applicationId)
        {
            organizationId = await applications.GetOrganizationIdAsync(applicationId, cancellationToken)
                ?? throw Problems.Forbidden.ToException();
            if (access.OrganizationId is { } claimed && claimed != organizationId)
            {
                throw Problems.Forbidden.ToException();
            }
        }

        if (organizationId is null && !Actions.WithoutOrganization.Contains(access.Action))
        {
            // An organization-scoped action without its organization is a programming error; refuse.
            throw Problems.Forbidden.ToException();
        }

        var caller = access.Caller;
        if (caller.Token is { } token)
        {
            // Session-only actions: upstream requires a user_access token for these (and service
            // tokens may not create organizations).
            if (Actions.SessionOnly.Contains(access.Action) && caller.Kind != CallerKind.User)
            {
                throw Problems.Forbidden.ToException();
            }

            datalog.Authorize(token, access, organizationId);
        }
        else if (!IsAllowedWithoutToken(caller, access.Action, organizationId, access.ApplicationId))
        {
            throw Problems.Forbidden.ToException();
        }

        return organizationId;
    }

    /// <summary>Whether the caller may perform the action: the verdict of <see cref="AuthorizeAsync"/>, as a value.</summary>
    public async ValueTask<bool> AllowsAsync(Access access, CancellationToken cancellationToken)
    {
        try
        {
            await AuthorizeAsync(access, cancellationToken);
            return true;
        }
        catch (ProblemException)
        {
            return false;
        }
    }

    private static bool IsAllowedWithoutToken(Caller caller, ActionName action, Guid? organizationId, Guid? applicationId) => caller.Kind switch
    {
        CallerKind.Master => action == Actions.OrganizationCreate || !Actions.SessionOnly.Contains(action),
        CallerKind.ApplicationSecret => applicationId is not null && applicationId == caller.ApplicationId,
        _ => false,
    };
}
