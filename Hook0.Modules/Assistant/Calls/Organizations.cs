using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Assistant.Calls;

/// <summary>Which organization a tool means when the assistant does not say: the only one the credential belongs to.</summary>
internal static class Organizations
{
    public static Guid Resolve(Caller caller, Guid? organizationId)
    {
        if (organizationId is { } given)
        {
            return given;
        }

        if (caller.OrganizationId is { } own)
        {
            return own;
        }

        if (caller.Roles is { Count: 1 } roles)
        {
            return roles.Keys.Single();
        }

        throw Problems.InvalidParameter.With("organization_id is required: this credential is not tied to exactly one organization.");
    }
}
