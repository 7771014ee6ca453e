using Hook0.Modules.Delivery.Sending.TargetGuard;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>The one pooled, SSRF-guarded client every delivery of this instance goes through.</summary>
internal sealed class DeliveryHttpClient : IDisposable
{
    public DeliveryHttpClient(IOptions<DeliveryOptions> options)
    {
        var handler = DeliveryHttpHandlerFactory.Create(HandlerOptions(options.Value));
        // The per-call timeout is applied by the sender (it must be told apart from shutdown).
        Client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    /// <summary>The handler settings every delivery client shares (the direct one and each egress one).</summary>
    public static DeliveryHttpOptions HandlerOptions(DeliveryOptions o) => new()
    {
        ConnectTimeout = TimeSpan.FromMilliseconds(o.ConnectTimeoutMs),
        DisableTargetIpCheck = o.DisableTargetIpCheck,
    };

    public void Dispose() => Client.Dispose();
}
