using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Housekeeping;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Ingestion.ReplayEvents;
using Hook0.Modules.Ingestion.ReplayEvent;
using Hook0.Modules.Ingestion.ListEvents;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Ingestion.IngestBatch;
using Hook0.Modules.Ingestion.GetEvent;
using Hook0.Modules.Ingestion.CountEventsPerDay;
using Hook0.Modules.Ingestion.ListEventTypes;
using Hook0.Modules.Ingestion.GetEventType;
using Hook0.Modules.Ingestion.DeactivateEventType;
using Hook0.Modules.Ingestion.CreateEventType;
using Hook0.Modules.Ingestion.ListPayloadContentTypes;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Settings;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Ingestion;

/// <summary>Event types and events (schema <c>event</c>).</summary>
internal static class IngestionModule
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IngestionDbContext>(IngestionDbContext.Schema);
        services.AddScoped<IHousekeepingJob, PurgeOldEventsJob>();
        services.AddSingleton(EventPartitions.Events);
        services.AddSingleton<EventTypeCatalog>();
        services.AddSingleton<EventPreparer>();
        services.AddSingleton<PayloadSearchApplications>();
        services.AddSingleton<DailyEventQuota>();
        services.AddSingleton<EventStore>();
        services.AddScoped<IngestBatchHandler>();
        // The ingest routes' bodies and answers through source-generated metadata (the rest keeps the reflection resolver).
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, IngestJson.Default));
        services.AddScoped<IngestSystemEvent.SystemEventTypes>();
        services.AddOptions<IngestOptions>().Bind(configuration);
        services.AddSingleton<IngestGroupCommit>();
        services.AddOptions<EventsPerDayOptions>().Bind(configuration);
        services.AddSingleton<EventsPerDayRefresher>();
        if (RolesOptions.From(configuration).HousekeepingEnabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<EventsPerDayRefresher>());
        }
        return services;
    }

    public static void MapIngestion(this IEndpointRouteBuilder api)
    {
        api.MapListPayloadContentTypes();
        api.MapCreateEventType();
        api.MapListEventTypes();
        api.MapGetEventType();
        api.MapDeactivateEventType();
        api.MapIngestEvent();
        api.MapIngestBatch();
        api.MapListEvents();
        api.MapGetEvent();
        api.MapReplayEvent();
        api.MapReplayEvents();
        api.MapEventsPerDay();
    }
}
