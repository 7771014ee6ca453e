using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Delivery;

/// <summary>Subscriptions and webhook delivery (schema <c>webhook</c>).</summary>
internal static class DeliveryModule
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DeliveryDbContext>(DeliveryDbContext.Schema);
        return services;
    }

    public static void MapDelivery(this IEndpointRouteBuilder api)
    {
    }
}
