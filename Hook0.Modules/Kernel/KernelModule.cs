using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Audit.ListAuditRecords;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.DataProtection;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Health;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Http;
using Hook0.Modules.Kernel.ListEnvironmentVariables;
using Hook0.Modules.Kernel.ListErrors;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.OpenApi;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.RateLimiting;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Kernel.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Kernel;

/// <summary>Cross-cutting plumbing every module relies on: settings, database, errors, authentication.</summary>
internal static class KernelModule
{
    public static IServiceCollection AddKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration);
        services.AddOptions<WebSecurityOptions>().Bind(configuration);
        services.AddHook0Cors();
        services.AddHook0ForwardedHeaders();
        services.AddOptions<RateLimitingOptions>().Bind(configuration);
        services.AddHook0RateLimiting();
        services.AddOptions<AuthRateLimitingOptions>().Bind(configuration);
        services.AddHook0Observability(configuration);
        services.AddOptions<HousekeepingOptions>().Bind(configuration);
        services.AddSingleton<HousekeepingRunner>();
        services.AddOptions<PartitionOptions>().Bind(configuration);
        services.AddSingleton<PartitionKeeper>();
        services.AddSingleton<PartitionUpkeep>();
        services.AddSingleton<IStartupDataStep, PartitionsAtStartup>();
        services.AddScoped<IHousekeepingJob, KeepPartitionsJob>();
        if (RolesOptions.From(configuration).HousekeepingEnabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<HousekeepingRunner>());
        }
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SecretsOptions>().Bind(configuration);
        services.AddSingleton<SecretBox>();
        services.AddHostKeyRing();

        services.AddSingleton(sp =>
        {
            var url = sp.GetRequiredService<IOptions<ServerOptions>>().Value.DatabaseUrl
                ?? configuration.GetConnectionString("Hook0")
                ?? throw new InvalidOperationException("DATABASE_URL is not set and no embedded database was started.");
            // Persist Security Info keeps the password in DataSource.ConnectionString, which the
            // migrator needs to reach the maintenance database when it must create ours.
            var connection = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(url)) { PersistSecurityInfo = true };
            if (connection.MaxAutoPrepare == 0)
            {
                // The hot statements (ingest, claim, record) run thousands of times a second: let Npgsql
                // prepare them so PostgreSQL plans each once per connection instead of once per call.
                connection.MaxAutoPrepare = 64;
            }

            // Nothing here changes session state on pooled connections (LISTEN has its own), so the
            // per-checkout reset round trip is pure overhead on the hot paths.
            connection.NoResetOnClose = true;

            return new NpgsqlDataSourceBuilder(connection.ConnectionString) { Name = "hook0" }.Build();
        });
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<GatedStartOrder>();
        // The modules' other hosted services (housekeeping above included) start behind the gate it opens: see AfterDatabaseReady.
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<PgNotificationHub>();
        services.AddHostedService(sp => sp.GetRequiredService<PgNotificationHub>());
        services.AddSingleton<Live.LiveUpdates>();
        services.AddSingleton<Live.ILiveUpdates>(sp => sp.GetRequiredService<Live.LiveUpdates>());
        services.AddHostedService(sp => sp.GetRequiredService<Live.LiveUpdates>());

        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o => Hook0Json.Configure(o.SerializerOptions));
        // Binding failures throw so the exception handler can answer them as problems, never as empty 400s.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        RuleExtensions.UseWireFieldNames();

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        // Every endpoint requires a caller unless it explicitly opts out with AllowAnonymous.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        services.AddSingleton<IBearerCredentialResolver, MasterKeyResolver>();
        services.AddOptions<TokenAuthorizationOptions>().Bind(configuration);
        services.AddSingleton<AuthorizationDecisions>();
        services.AddSingleton<DatalogAuthorizer>();
        services.AddScoped<AccessPolicy>();
        services.AddScoped<SharedTransaction>();
        services.AddAuditLog(configuration);
        services.AddHook0OpenApi();
        return services;
    }

    public static void MapKernel(this IEndpointRouteBuilder api, IEndpointRouteBuilder root)
    {
        api.MapListErrors();
        api.MapListEnvironmentVariables();
        api.MapHealth();
        api.MapListAuditRecords();
        root.MapProbes();
        root.MapMetrics();
        root.MapOpenApi(OpenApiDocumentSetup.Route).AllowAnonymous();
    }
}
