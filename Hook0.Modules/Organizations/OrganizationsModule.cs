using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Authentication;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Email;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Modules.Organizations.Housekeeping;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Organizations.Common;
using Hook0.Modules.Organizations.ListOrganizations;
using Hook0.Modules.Organizations.ListApplications;
using Hook0.Modules.Organizations.ListApplicationSecrets;
using Hook0.Modules.Organizations.GetOrganization;
using Hook0.Modules.Organizations.GetApplication;
using Hook0.Modules.Organizations.EditOrganization;
using Hook0.Modules.Organizations.EditApplicationSecret;
using Hook0.Modules.Organizations.EditApplication;
using Hook0.Modules.Organizations.DeleteOrganization;
using Hook0.Modules.Organizations.DeleteApplicationSecret;
using Hook0.Modules.Organizations.DeleteApplication;
using Hook0.Modules.Organizations.CreateOrganization;
using Hook0.Modules.Organizations.CreateApplicationSecret;
using Hook0.Modules.Organizations.CreateApplication;
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
        services.AddScoped<IHousekeepingJob, ExpiredTokensJob>();
        services.AddScoped<IHousekeepingJob, PurgeDeletedApplicationsJob>();
        services.AddOptions<QuotaOptions>().Bind(configuration);
        services.AddOptions<IdentityOptions>().Bind(configuration);
        services.AddSingleton(sp => LoadRootKey(sp.GetRequiredService<IOptions<IdentityOptions>>().Value,
            sp.GetRequiredService<ILogger<BiscuitRootKey>>()));
        services.AddSingleton<OrganizationsCaches>();
        services.AddScoped<CacheInvalidation>();
        services.AddScoped<IApplicationDirectory, ApplicationDirectory>();
        services.AddScoped<IBearerCredentialResolver, ApplicationSecretResolver>();
        services.AddScoped<OrganizationInfoReader>();
        services.AddScoped<ApplicationInfoReader>();
        services.AddHook0Passwords();
        services.AddHook0Email(configuration);
        return services;
    }

    public static void MapOrganizations(this IEndpointRouteBuilder api)
    {
        api.MapGetInstance();
        api.MapGetQuotas();
        api.MapListOrganizations();
        api.MapGetOrganization();
        api.MapCreateOrganization();
        api.MapEditOrganization();
        api.MapDeleteOrganization();
        api.MapListApplications();
        api.MapCreateApplication();
        api.MapGetApplication();
        api.MapEditApplication();
        api.MapDeleteApplication();
        api.MapListApplicationSecrets();
        api.MapCreateApplicationSecret();
        api.MapEditApplicationSecret();
        api.MapDeleteApplicationSecret();
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
