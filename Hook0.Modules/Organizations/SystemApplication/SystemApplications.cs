using Hook0.Modules.Organizations.Domain;

namespace Hook0.Modules.Organizations.SystemApplication;

/// <summary>
/// The organization's system application: created with it (and backfilled for older organizations by
/// the <c>SystemApplicationPerOrganization</c> migration). It gets no application secret: nobody
/// authenticates as it.
/// </summary>
internal static class SystemApplications
{
    public const string Name = "Hook0 operational events";

    public static HookApplication For(Guid organizationId, DateTime now)
        => new() { Id = Guid.NewGuid(), OrganizationId = organizationId, Name = Name, CreatedAt = now, IsSystem = true };
}
