using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Decides whether a caller may perform an action, with upstream's outcomes: an application that does
/// not exist or was deleted is a 403 (not a 404), so ids of other tenants reveal nothing.
/// </summary>
public sealed class AccessPolicy(IApplicationDirectory applications)
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

        if (!IsAllowed(access.Caller, access.Action, organizationId, access.ApplicationId))
        {
            throw Problems.Forbidden.ToException();
        }

        return organizationId;
    }

    private static bool IsAllowed(Caller caller, string action, Guid? organizationId, Guid? applicationId) => caller.Kind switch
    {
        CallerKind.Master => true,
        CallerKind.ApplicationSecret => applicationId is not null && applicationId == caller.ApplicationId,
        CallerKind.ServiceToken => organizationId is null
            ? action == Actions.OrganizationList
            : organizationId == caller.OrganizationId,
        CallerKind.User => organizationId is null
            ? action is Actions.OrganizationList or Actions.OrganizationCreate
            : caller.Roles?.TryGetValue(organizationId.Value, out var role) == true && Actions.IsAllowedFor(role, action),
        _ => false,
    };
}
