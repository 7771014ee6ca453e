namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Resolves an application to its owning organization for authorization. The Organizations module
/// (owner of applications) implements it; deleted applications resolve to nothing.
/// </summary>
public interface IApplicationDirectory
{
    ValueTask<Guid?> GetOrganizationIdAsync(Guid applicationId, CancellationToken cancellationToken);
}
