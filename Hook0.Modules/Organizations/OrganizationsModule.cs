using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Access;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.GetInstance;
using Hook0.Modules.Organizations.GetQuotas;
using Hook0.Modules.Organizations.Keys;
using Hook0.Modules.Organizations.Settings;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations;

/// <summary>Organizations, users, tokens, applications and application secrets (schema <c>iam</c>).</summary>
internal static partial class OrganizationsModule
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrganizationsDbContext>(OrganizationsDbContext.Schema);
        services.AddOptions<QuotaOptions>().Bind(configuration);
        services.AddOptions<IdentityOptions>().Bind(configuration);
        services.AddSingleton(sp => LoadRootKey(sp.GetRequiredService<IOptions<IdentityOptions>>().Value,
            sp.GetRequiredService<ILogger<BiscuitRootKey>>()));
        services.AddScoped<IApplicationDirectory, ApplicationDirectory>();
        services.AddScoped<IBearerCredentialResolver, ApplicationSecretResolver>();
        return services;
    }

    public static void MapOrganizations(this IEndpointRouteBuilder api)
    {
        api.MapGetInstance();
        api.MapGetQuotas();
    }

    private static BiscuitRootKey LoadRootKey(IdentityOptions options, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.BiscuitPrivateKey))
        {
            return BiscuitRootKey.FromPrivateKeyHex(options.BiscuitPrivateKey);
        }

        LogEphemeralKey(logger);
        return BiscuitRootKey.FromPrivateKeyHex(BiscuitRootKey.GeneratePrivateKeyHex());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BISCUIT_PRIVATE_KEY is not set: using a key generated for this process only; tokens it mints will not survive a restart")]
    private static partial void LogEphemeralKey(ILogger logger);
}
