using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Keys;
using Hook0.Modules.Organizations.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.GetInstance;

/// <summary><c>GET /instance</c>: public facts a client or dashboard needs before logging in.</summary>
internal static class GetInstanceEndpoint
{
    public static void MapGetInstance(this IEndpointRouteBuilder api)
        => api.MapGet("/instance", (BiscuitRootKey key, IOptions<ServerOptions> server, IOptions<IdentityOptions> identity,
                IOptions<QuotaOptions> quotas) =>
            TypedResults.Ok(new InstanceConfig(
                key.PublicKeyHex,
                identity.Value.DisableRegistration,
                identity.Value.PasswordMinimumLength,
                !server.Value.NoAutoDbMigration,
                server.Value.ApplicationSecretCompatibility,
                quotas.Value.Enabled,
                server.Value.SupportEmailAddress)))
            .AllowAnonymous()
            .WithTags("Instance")
            .WithName("instance.get");

    internal sealed record InstanceConfig(
        string BiscuitPublicKey,
        bool RegistrationDisabled,
        int PasswordMinimumLength,
        bool AutoDbMigration,
        bool ApplicationSecretCompatibility,
        bool QuotaEnforcement,
        string SupportEmailAddress);
}
