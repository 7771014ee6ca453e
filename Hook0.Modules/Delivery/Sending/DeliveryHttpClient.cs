using Hook0.Modules.Delivery.Sending.TargetGuard;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>The one pooled, SSRF-guarded client every delivery of this instance goes through.</summary>
internal sealed class DeliveryHttpClient : IDisposable
{
    public DeliveryHttpClient(IOptions<DeliveryOptions> options)
    {
        var o = options.Value;
        var handler = DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(o.ConnectTimeoutMs),
            DisableTargetIpCheck = o.DisableTargetIpCheck,
        });
        // The per-call timeout is applied by the sender (it must be told apart from shutdown).
        Client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
