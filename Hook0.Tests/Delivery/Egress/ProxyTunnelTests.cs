using System.Net;
using Hook0.Modules.Delivery.Sending.Egress;
using Hook0.Modules.Delivery.Sending.Errors;
using Hook0.Modules.Delivery.Sending.TargetGuard;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>
/// The guarded connector through a real forward proxy: we resolve and vet the target, the proxy is asked for a
/// tunnel to the vetted address (never the tenant's name), and TLS/Host carry the original name.
/// </summary>
[NonParallelizable]
public sealed class ProxyTunnelTests
{
    private WebhookReceiver _receiver = null!;
    private Tinyproxy _proxy = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _proxy = await Tinyproxy.StartAsync(new Uri(_receiver.Url()).Port);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _proxy.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private int ReceiverPort => new Uri(_receiver.Url()).Port;

    private HttpClient Client(IHostResolver resolver, bool checkTargets, string password = Tinyproxy.Password)
    {
        var proxy = new EgressProxy("corp", "127.0.0.1", _proxy.Port, new NetworkCredential(Tinyproxy.User, password));
        var handler = DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions { DisableTargetIpCheck = !checkTargets, ConnectTimeout = TimeSpan.FromSeconds(5) },
            resolver, new ProxyTunnelConnector(proxy));
        return new HttpClient(handler);
    }

    [Test]
    public async Task A_delivery_goes_through_the_proxy_to_the_vetted_address_with_the_original_host()
    {
        // A name only our resolver knows: had the proxy resolved it, the tunnel would have failed.
        var resolver = ScriptedResolver.Answering(["127.0.0.1"]);
        using var client = Client(resolver, checkTargets: false);

        using var response = await client.PostAsync($"http://receiver.hook0-egress.test:{ReceiverPort}/hook", new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var received = (await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(5)))[0];
        Assert.Multiple(() =>
        {
            Assert.That(received.Headers["host"], Is.EqualTo($"receiver.hook0-egress.test:{ReceiverPort}"));
            Assert.That(received.Headers.Keys, Has.None.StartsWith("proxy-"), "the proxy's credentials stay with the proxy");
            Assert.That(_proxy.Requests(), Is.EqualTo(new[] { $"CONNECT 127.0.0.1:{ReceiverPort} HTTP/1.1" }));
            Assert.That(_proxy.Log(), Does.Not.Contain("hook0-egress.test"));
            Assert.That(resolver.Calls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_target_resolving_to_a_private_address_is_refused_before_the_proxy_is_contacted()
    {
        using var client = Client(ScriptedResolver.Answering(["10.1.2.3"]), checkTargets: true);

        var failure = Assert.CatchAsync<Exception>(async () => await client.PostAsync($"http://intranet.hook0-egress.test:{ReceiverPort}/hook", new StringContent("{}")));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
        Assert.That(failure!.ToString(), Does.Contain("10.1.2.3"));
        Assert.That(_proxy.Requests(), Is.Empty);
    }

    [Test]
    public async Task Rebinding_is_refused_the_proxy_only_ever_sees_vetted_addresses()
    {
        // First answer public (vetted, then tunnelled to that address: the test proxy refuses anything but loopback,
        // logging what it was asked); the rebinding answer is loopback: refused before the proxy.
        var resolver = ScriptedResolver.Answering(["1.1.1.1"], ["127.0.0.1"]);
        using var client = Client(resolver, checkTargets: true);
        var url = $"http://rebind.hook0-egress.test:{ReceiverPort}/hook";

        var first = Assert.CatchAsync<Exception>(async () => await client.PostAsync(url, new StringContent("{}")));
        var second = Assert.CatchAsync<Exception>(async () => await client.PostAsync(url, new StringContent("{}")));

        Assert.Multiple(() =>
        {
            Assert.That(DeliveryErrorClassifier.Classify(first!), Is.EqualTo(DeliveryErrorCodes.Connection));
            Assert.That(first!.ToString(), Does.Contain("refused the tunnel to 1.1.1.1"));
            Assert.That(DeliveryErrorClassifier.Classify(second!), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
            Assert.That(_proxy.Requests(), Is.EqualTo(new[] { $"CONNECT 1.1.1.1:{ReceiverPort} HTTP/1.1" }));
            Assert.That(_receiver.Received, Is.Empty);
        });
    }

    [Test]
    public async Task Wrong_proxy_credentials_fail_as_a_connection_error_without_reaching_the_receiver()
    {
        using var client = Client(ScriptedResolver.Answering(["127.0.0.1"]), checkTargets: false, password: "wrong");

        var failure = Assert.CatchAsync<Exception>(async () => await client.PostAsync($"http://127.0.0.1:{ReceiverPort}/hook", new StringContent("{}")));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.Connection));
        // tinyproxy answers a bad Proxy-Authorization on CONNECT with 401 (others with 407): either is a refused tunnel.
        Assert.That(failure!.ToString(), Does.Match("refused the tunnel to 127\\.0\\.0\\.1:\\d+: HTTP 40[17]").And.Not.Contain("wrong"));
        Assert.That(_receiver.Received, Is.Empty);
    }
}
