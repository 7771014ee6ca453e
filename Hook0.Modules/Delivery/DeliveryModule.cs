using Hook0.Modules.Delivery.Data;
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
        services.AddScoped<SubscriptionReferenceChecks>();
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
        api.MapGetResponse();
    }
}
