using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Receiver.AspNetCore;

public static class Hook0ReceiverServiceCollectionExtensions
{
    /// <summary>Registers the options <see cref="Hook0WebhookEndpoints.MapHook0Webhook(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, Func{VerifiedWebhook, CancellationToken, Task{Microsoft.AspNetCore.Http.IResult}})"/> reads.</summary>
    public static IServiceCollection AddHook0Receiver(this IServiceCollection services, Action<Hook0ReceiverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure(configure);
        // The verifier decodes its keys once; it is rebuilt only if the options are reloaded.
        services.AddSingleton(sp => new WebhookVerifier(sp.GetRequiredService<IOptions<Hook0ReceiverOptions>>().Value.Verification));
        return services;
    }
}
