using Hook0.Modules.Kernel.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Kernel.DataProtection;

/// <summary>
/// The host's Data Protection key ring (what protects the dashboard's session cookie and antiforgery tokens) in
/// <c>infrastructure.data_protection_key</c>, sealed at rest: every instance reads the same ring, so a cookie
/// written by one is read by another, and a restart keeps it. Delivery's ring for subscription secrets is a
/// separate ring with its own application name and table (<c>webhook.data_protection_key</c>).
/// </summary>
internal static class HostKeyRing
{
    /// <summary>
    /// Fixed, not the default (the content root path): instances installed in different folders must share the
    /// ring, and the name isolates payloads protected by this ring from those of any other ring.
    /// </summary>
    public const string ApplicationName = "hook0";

    public static IServiceCollection AddHostKeyRing(this IServiceCollection services)
    {
        services.AddModuleDbContext<InfrastructureDbContext>(InfrastructureDbContext.Schema);
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<InfrastructureDbContext>();
        // Resolved from the container (not built here), so the encryptor uses the server's one SecretBox.
        services.AddOptions<KeyManagementOptions>()
            .Configure<SecretBox>((o, box) => o.XmlEncryptor = new SealedXmlEncryptor(box));
        return services;
    }
}
