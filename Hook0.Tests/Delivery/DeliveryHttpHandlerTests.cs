using System.Net;
using Hook0.Modules.Delivery.Sending.Errors;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Tests.Delivery;

public sealed class DeliveryHttpHandlerTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

    [Test]
    public void The_shared_handler_is_configured_for_deliveries()
    {
        using var handler = DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions());

        Assert.Multiple(() =>
        {
            Assert.That(handler.AllowAutoRedirect, Is.False);
            Assert.That(handler.UseProxy, Is.False);
            Assert.That(handler.UseCookies, Is.False);
            Assert.That(handler.AutomaticDecompression, Is.EqualTo(DecompressionMethods.None));
            Assert.That(handler.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(handler.PooledConnectionLifetime, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(handler.ConnectCallback, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_loopback_receiver_is_reached_when_the_check_is_disabled()
    {
        await using var server = LoopbackServer.Answering(Ok);
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions { DisableTargetIpCheck = true }));

        using var response = await client.GetAsync(server.Url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task A_loopback_receiver_is_refused_by_default_without_a_connection()
    {
        await using var server = LoopbackServer.Answering(Ok);
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions()));

        var failure = Assert.CatchAsync<Exception>(async () => await client.GetAsync(server.Url));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task A_name_resolving_to_loopback_is_refused()
    {
        await using var server = LoopbackServer.Answering(Ok);
        var handler = DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions(), ScriptedResolver.Answering(["127.0.0.1"]), new SocketTcpConnector());
        using var client = new HttpClient(handler);

        var failure = Assert.CatchAsync<Exception>(async () => await client.GetAsync($"http://receiver.example:{server.Port}/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
        Assert.That(server.Connections, Is.Zero);
    }

    [TestCase("[::ffff:127.0.0.1]")]
    [TestCase("[::1]")]
    [TestCase("127.0.0.1")]
    public async Task Ip_literal_urls_are_vetted(string host)
    {
        await using var server = LoopbackServer.Answering(Ok);
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions()));

        var failure = Assert.CatchAsync<Exception>(async () => await client.GetAsync($"http://{host}:{server.Port}/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task Redirects_are_returned_not_followed()
    {
        await using var server = LoopbackServer.Answering("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions { DisableTargetIpCheck = true }));

        using var response = await client.GetAsync(server.Url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
    }
}
