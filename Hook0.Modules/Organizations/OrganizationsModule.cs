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
using Hook0.Modules.Organizations.ListServiceTokens;
using Hook0.Modules.Organizations.CreateServiceToken;
using Hook0.Modules.Organizations.GetServiceToken;
using Hook0.Modules.Organizations.EditServiceToken;
using Hook0.Modules.Organizations.DeleteServiceToken;
using Hook0.Modules.Organizations.InviteMember;
using Hook0.Modules.Organizations.ListInvitations;
using Hook0.Modules.Organizations.CancelInvitation;
using Hook0.Modules.Organizations.ListMyInvitations;
using Hook0.Modules.Organizations.AnswerInvitation;
using Hook0.Modules.Organizations.RemoveMember;
using Hook0.Modules.Organizations.ChangeMemberRole;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Register;
using Hook0.Modules.Organizations.Login;
using Hook0.Modules.Organizations.LoginProtection;
using Hook0.Modules.Organizations.RefreshSession;
using Hook0.Modules.Organizations.Logout;
using Hook0.Modules.Organizations.VerifyEmail;
using Hook0.Modules.Organizations.ResendVerificationEmail;
using Hook0.Modules.Organizations.BeginPasswordReset;
using Hook0.Modules.Organizations.ResetPassword;
using Hook0.Modules.Organizations.ChangePassword;
using Hook0.Modules.Organizations.Sessions;
using Hook0.Modules.Organizations.DashboardSessions;
using Hook0.Modules.Organizations.Keys;
using Hook0.Modules.Organizations.PortalSessions;
using Hook0.Modules.Organizations.Settings;
using Hook0.Modules.Organizations.Tokens;
using Hook0.Modules.Organizations.Quotas;
using Hook0.Modules.Organizations.SecretsAtRest;
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
        services.AddScoped<IHousekeepingJob>(sp => ActivatorUtilities.CreateInstance<ExpiredCredentialsJob>(sp, ExpiredCredentials.Tokens));
        services.AddScoped<IHousekeepingJob>(sp => ActivatorUtilities.CreateInstance<ExpiredCredentialsJob>(sp, ExpiredCredentials.Invitations));
        services.AddScoped<IHousekeepingJob>(sp => ActivatorUtilities.CreateInstance<ExpiredCredentialsJob>(sp, ExpiredCredentials.PortalSessions));
        services.AddScoped<IHousekeepingJob, PurgeDeletedApplicationsJob>();
        services.AddOptions<QuotaOptions>().Bind(configuration);
        services.AddOptions<IdentityOptions>().Bind(configuration);
        services.AddOptions<LoginProtectionOptions>().Bind(configuration);
        services.AddScoped<AccountLockout>();
        services.AddSingleton(sp => LoadRootKey(sp.GetRequiredService<IOptions<IdentityOptions>>().Value,
            sp.GetRequiredService<ILogger<BiscuitRootKey>>()));
        services.AddSingleton<OrganizationsCaches>();
        services.AddSingleton<CredentialSealing>();
        // A start-up data step (run by the migrator before the gate opens): credentials left in clear by an
        // older version, or sealed by a retired key, are sealed with the current key before anything authenticates.
        services.AddSingleton<IStartupDataStep, CredentialSealer>();
        services.AddScoped<CacheInvalidation>();
        services.AddScoped<OrganizationsDbOnDemand>();
        services.AddScoped<IApplicationDirectory, ApplicationDirectory>();
        services.AddScoped<IBearerCredentialResolver, ApplicationSecretResolver>();
        services.AddSingleton<TokenMinter>();
        services.AddSingleton<TokenVerifier>();
        services.AddSingleton<TokenRevocations>();
        services.AddScoped<BiscuitTokenResolver>();
        services.AddScoped<IBearerCredentialResolver>(sp => sp.GetRequiredService<BiscuitTokenResolver>());
        services.AddScoped<OrganizationInfoReader>();
        services.AddScoped<QuotaResolver>();
        services.AddScoped<SessionIssuer>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<SessionRefresher>();
        services.AddDashboardSessions(configuration);
        services.AddPortalSessions();
        services.AddScoped<PasswordChanger>();
        services.AddSingleton<EmailLinks>();
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
        api.MapListServiceTokens();
        api.MapCreateServiceToken();
        api.MapGetServiceToken();
        api.MapEditServiceToken();
        api.MapDeleteServiceToken();
        api.MapInviteMember();
        api.MapListInvitations();
        api.MapCancelInvitation();
        api.MapListMyInvitations();
        api.MapAnswerInvitation();
        api.MapRemoveMember();
        api.MapChangeMemberRole();
        api.MapRegister();
        api.MapLogin();
        api.MapRefreshSession();
        api.MapLogout();
        api.MapVerifyEmail();
        api.MapResendVerificationEmail();
        api.MapBeginPasswordReset();
        api.MapResetPassword();
        api.MapChangePassword();
        api.MapPortalSessions();
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
