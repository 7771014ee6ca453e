using System.Net.Sockets;
using Hook0.Modules.Delivery.Sending.Errors;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Tests.Delivery;

/// <summary>Classification of what .NET really raises, provoked over loopback sockets.</summary>
public sealed class DeliveryErrorClassifierTests
{
    private static readonly DeliveryHttpOptions Local = new() { DisableTargetIpCheck = true };

    [Test]
    public async Task A_closed_port_is_a_connection_error()
    {
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(Local));

        var failure = await FailureOf(client.GetAsync($"http://127.0.0.1:{LoopbackServer.ClosedPort()}/"));

        Assert.That(failure.GetBaseException(), Is.InstanceOf<SocketException>()
            .With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));
        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Connection));
    }

    [Test]
    public async Task A_receiver_that_never_answers_is_a_timeout()
    {
        await using var server = LoopbackServer.NeverAnswering();
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(Local)) { Timeout = TimeSpan.FromMilliseconds(300) };

        var failure = await FailureOf(client.GetAsync(server.Url));

        Assert.That(failure, Is.InstanceOf<TaskCanceledException>());
        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Timeout));
    }

    [Test]
    public async Task A_connect_beyond_the_connect_timeout_is_a_timeout()
    {
        // .NET reports ConnectTimeout exactly like the overall timeout, so it cannot be told apart as E_CONNECTION.
        var options = new DeliveryHttpOptions { ConnectTimeout = TimeSpan.FromMilliseconds(200) };
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(options, ScriptedResolver.Answering(["93.184.215.14"]), new BlackHoleConnector()));

        var failure = await FailureOf(client.GetAsync("http://receiver.example/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Timeout));
    }

    [Test]
    public async Task A_reset_connection_is_a_connection_error()
    {
        await using var server = LoopbackServer.Resetting();
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(Local));

        var failure = await FailureOf(client.GetAsync(server.Url));

        Assert.That(failure, Is.InstanceOf<HttpRequestException>());
        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Connection));
    }

    [Test]
    public async Task An_unknown_host_is_a_dns_error()
    {
        var resolver = new ScriptedResolver(() => throw new SocketException((int)SocketError.HostNotFound));
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions(), resolver, new SocketTcpConnector()));

        var failure = await FailureOf(client.GetAsync("http://receiver.invalid/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Dns));
    }

    [Test]
    public async Task A_lookup_that_outlasts_its_budget_is_a_dns_error()
    {
        var options = new DeliveryHttpOptions { DnsTimeout = TimeSpan.FromMilliseconds(100) };
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(options, new SilentResolver(), new SocketTcpConnector()));

        var failure = await FailureOf(client.GetAsync("http://receiver.example/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Dns));
    }

    [Test]
    public async Task A_forbidden_target_is_an_invalid_target()
    {
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions()));

        var failure = await FailureOf(client.GetAsync("http://10.0.0.1/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
    }

    [Test]
    public async Task An_unsupported_scheme_is_an_invalid_target()
    {
        using var client = new HttpClient(DeliveryHttpHandlerFactory.Create(Local));

        var failure = await FailureOf(client.GetAsync("ftp://receiver.example/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
    }

    [Test]
    public void A_malformed_url_is_an_invalid_target()
    {
        var failure = Assert.Throws<UriFormatException>(() => _ = new Uri("http://exa mple:99999/"));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.InvalidTarget));
    }

    [Test]
    public void A_header_name_that_cannot_be_sent_is_an_invalid_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://receiver.example/");

        var failure = Assert.Throws<FormatException>(() => request.Headers.Add("X Bad:Name", "value"));

        Assert.That(DeliveryErrorClassifier.Classify(failure!), Is.EqualTo(DeliveryErrorCodes.InvalidHeader));
    }

    [Test]
    public void A_bare_cancellation_counts_as_a_timeout()
    {
        Assert.That(DeliveryErrorClassifier.Classify(new TaskCanceledException()), Is.EqualTo(DeliveryErrorCodes.Timeout));
    }

    [Test]
    public void Anything_unrecognised_is_unknown()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DeliveryErrorClassifier.Classify(new InvalidOperationException()), Is.EqualTo(DeliveryErrorCodes.Unknown));
            Assert.That(DeliveryErrorClassifier.Classify(new HttpRequestException("?")), Is.EqualTo(DeliveryErrorCodes.Unknown));
        });
    }

    [Test]
    public void A_name_resolution_error_without_a_socket_cause_is_still_dns()
    {
        var failure = new HttpRequestException(HttpRequestError.NameResolutionError, "no such host");

        Assert.That(DeliveryErrorClassifier.Classify(failure), Is.EqualTo(DeliveryErrorCodes.Dns));
    }

    private static async Task<Exception> FailureOf(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or NotSupportedException)
        {
            return exception;
        }

        throw new AssertionException("The request was expected to fail.");
    }
}
