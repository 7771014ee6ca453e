using Hook0.Modules.Delivery.Analytics;
using Hook0.Modules.Delivery.Certificates;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Health;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Delivery.OperationalWebhooks;
using Hook0.Modules.Delivery.RotateSecret;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Housekeeping;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Delivery.PauseSubscription;
using Hook0.Modules.Delivery.ResetCircuit;
using Hook0.Modules.Delivery.DeadLetters;
using Hook0.Modules.Delivery.EventCatalog;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Sending.Egress;
using Hook0.Modules.Delivery.Listen;
using Hook0.Modules.Delivery.StreamRequestAttempts;
using Hook0.Modules.Delivery.Sending.Retrying;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Delivery.GetResponse;
using Hook0.Modules.Delivery.GetRequestAttempt;
using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Delivery.ListSubscriptions;
using Hook0.Modules.Delivery.GetSubscription;
using Hook0.Modules.Delivery.EditSubscription;
using Hook0.Modules.Delivery.DeleteSubscription;
using Hook0.Modules.Delivery.CreateSubscription;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery;

/// <summary>Subscriptions and webhook delivery (schema <c>webhook</c>).</summary>
internal static class DeliveryModule
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DeliveryDbContext>(DeliveryDbContext.Schema);
        services.AddScoped<IHousekeepingJob, PurgeOldAttemptsJob>();
        services.AddSingleton(AttemptPartitions.History);
        services.AddScoped<SubscriptionReferenceChecks>();
        services.AddOptions<DeliveryOptions>().Bind(configuration);
        services.AddOptions<HealthOptions>().Bind(configuration);
        services.AddOptions<Protection.ProtectionOptions>().Bind(configuration);
        services.AddOptions<OperationalEventsOptions>().Bind(configuration);
        services.AddOptions<AttemptStreamOptions>().Bind(configuration);
        services.AddSingleton<AttemptTail>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<SigningKeyFactory>();
        services.AddScoped<SubscriptionViews>();
        services.AddSingleton<HealthMonitor>();
        services.AddSingleton<OperationalEventRelay>();
        services.AddScoped<IHousekeepingJob, PurgeRelayedOperationalEventsJob>();
        services.AddSingleton<DeliveryHttpClient>();
        services.AddOptions<EgressOptions>().Bind(configuration);
        services.AddSingleton<EgressProxies>();
        services.AddSingleton<EgressClients>();
        services.AddSingleton<OAuth2Tokens>();
        services.AddSingleton<CertificateExpiryWatch>();
        services.AddSingleton<AttemptSender>();
        services.AddSingleton<IDeliveryTarget>(sp => sp.GetRequiredService<AttemptSender>());
        // The cli target (issue #25): `hook0 listen` sessions connect to ListenHub; deliveries go through their connections.
        services.AddSingleton<CliListeners>();
        services.AddSingleton<IDeliveryTarget, CliTarget>();
        services.AddSignalR().AddHubOptions<ListenHub>(o => o.MaximumReceiveMessageSize = 256 * 1024); // an answer carries up to 64 KiB of body
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value;
            var retry = new RetryOptions { MaxRetries = o.MaxRetries, JitterRatio = o.RetryJitterRatio };
            return new RetryDecider(new RetrySchedule(retry, Random.Shared), retry, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<AttemptRecorder>();
        services.AddSingleton<ClaimDataSource>();
        services.AddSingleton<LocalAttemptSignal>();
        services.AddSingleton<AttemptProcessor>();
        services.AddSingleton<HealthClock>();
        services.AddSingleton<AttemptLifecycle>();
        // Resolvable with the workers off: tests drive RunOnceAsync themselves.
        services.AddSingleton<DeliveryWorker>();
        // Start-up data steps run by the migrator before the gate opens, in this order (IStartupDataStep).
        // Before anything opens a subscription secret: after a key rotation the key ring moves to the current key.
        services.AddSingleton<IStartupDataStep, KeyRingReencryptor>();
        // Older organizations' system applications get their event types.
        services.AddSingleton<IStartupDataStep, OperationalEventTypesBackfill>();
        services.AddDeliveryAnalytics(configuration, configuration.GetValue("DELIVERY_WORKERS_ENABLED", true));
        if (configuration.GetValue("DELIVERY_WORKERS_ENABLED", true))
        {
            // Before the workers: the secrets they sign with are sealed first (ADR 0008).
            services.AddSingleton<IStartupDataStep, LegacySecretSealer>();
            services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
            services.AddSingleton<CliDeliveryPump>();
            services.AddHostedService(sp => sp.GetRequiredService<CliDeliveryPump>());
            services.AddHostedService<QueueGauges>();
            services.AddHostedService<Protection.ProtectionGauges>();
            services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
            services.AddHostedService(sp => sp.GetRequiredService<OperationalEventRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<CertificateExpiryWatch>());
        }
        return services;
    }

    public static void MapDelivery(this IEndpointRouteBuilder api)
    {
        api.MapListSubscriptions();
        api.MapCreateSubscription();
        api.MapGetSubscription();
        api.MapEditSubscription();
        api.MapDeleteSubscription();
        api.MapListRequestAttempts();
        api.MapGetRequestAttempt();
        api.MapStreamRequestAttempts();
        api.MapHub<ListenHub>(ListenHub.Route);
        api.MapGetResponse();
        api.MapPauseSubscription();
        api.MapResetCircuit();
        api.MapDeadLetters();
        api.MapRotateSecret();
        api.MapGetOperationalWebhooks();
        api.MapEventCatalog();
    }
}
