using Hook0.Modules.Assistant;
using Hook0.Modules.Delivery;
using Hook0.Modules.Ingestion;
using Hook0.Modules.Kernel;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.OpenApi;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Health;
using Hook0.Modules.Kernel.Pipeline;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules;

/// <summary>The host's only entry points into the modules: register them, then map their routes.</summary>
public static class ModulesRegistration
{
    public const string ApiPrefix = "/api/v1";

    /// <summary>The MCP server's endpoint (Assistant module): outside the API's prefix, but the API's own door for assistants.</summary>
    public const string McpPath = "/mcp";

    public static IServiceCollection AddHook0Modules(this IServiceCollection services, IConfiguration configuration)
    {
        // Module order is migration order: Organizations owns what the others refer to.
        var firstOfModules = services.Count;
        services.AddKernel(configuration);
        services.AddOrganizations(configuration);
        services.AddIngestion(configuration);
        services.AddDelivery(configuration);
        services.AddAssistant();
        AfterDatabaseReady.WrapHostedServices(services, firstOfModules);

        services.AddValidatorsFromAssembly(typeof(ModulesRegistration).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // A message only its own module sends is internal to it (issue #22): the generated Mediator's strongly
            // typed Send overloads would otherwise be public methods over internal types (CS0051).
            options.GenerateTypesAsInternal = true;
            options.PipelineBehaviors = [typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapHook0Modules(this IEndpointRouteBuilder endpoints)
    {
        if (!RolesOptions.From(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()).ApiEnabled)
        {
            endpoints.MapProbes(); // a worker-only instance still tells its orchestrator it is alive
            endpoints.MapMetrics();
            return endpoints;
        }

        var api = endpoints.MapGroup(ApiPrefix).ProducesStandardProblems();
        api.MapKernel(endpoints);
        api.MapOrganizations();
        api.MapIngestion();
        api.MapDelivery();
        endpoints.MapAssistant();
        return endpoints;
    }
}
