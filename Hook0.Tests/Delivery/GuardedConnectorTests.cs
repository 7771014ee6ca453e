using System.Net;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Tests.Delivery;

public sealed class GuardedConnectorTests
{
    private const string Public = "93.184.215.14";
    private static readonly DnsEndPoint Receiver = new("receiver.example", 443);

    [Test]
    public async Task A_rebinding_answer_is_never_connected_to()
    {
        var resolver = ScriptedResolver.Answering([Public], ["127.0.0.1"]);
        var connector = new RecordingConnector();
        var guard = new GuardedConnector(resolver, connector, new DeliveryHttpOptions());

        await using (await guard.ConnectAsync(Receiver, CancellationToken.None))
        {
        }

        var refused = Assert.ThrowsAsync<ForbiddenTargetException>(async () => await guard.ConnectAsync(Receiver, CancellationToken.None));

        Assert.Multiple(() =>
        {
            // One lookup per connection: what was vetted is exactly what was connected to.
            Assert.That(resolver.Calls, Is.EqualTo(2));
            Assert.That(connector.Connects, Has.Count.EqualTo(1));
            Assert.That(connector.Connects[0], Is.EqualTo(new[] { IPAddress.Parse(Public) }));
            Assert.That(refused!.Address, Is.EqualTo(IPAddress.Loopback));
            Assert.That(refused.Message, Does.Contain("forbidden IP").And.Contain("loopback"));
        });
    }

    [Test]
    public void One_forbidden_address_among_public_ones_refuses_the_host()
    {
        var connector = new RecordingConnector();
        var guard = new GuardedConnector(ScriptedResolver.Answering([Public, "10.0.0.7"]), connector, new DeliveryHttpOptions());

        var refused = Assert.ThrowsAsync<ForbiddenTargetException>(async () => await guard.ConnectAsync(Receiver, CancellationToken.None));

        Assert.That(refused!.Address, Is.EqualTo(IPAddress.Parse("10.0.0.7")));
        Assert.That(connector.Connects, Is.Empty);
    }

    [Test]
    public async Task Every_vetted_address_is_offered_to_the_connection_in_order()
    {
        var connector = new RecordingConnector();
        var guard = new GuardedConnector(ScriptedResolver.Answering(["2606:4700:4700::1111", Public]), connector, new DeliveryHttpOptions());

        await using (await guard.ConnectAsync(Receiver, CancellationToken.None))
        {
        }

        Assert.That(connector.Connects.Single(), Is.EqualTo(new[] { IPAddress.Parse("2606:4700:4700::1111"), IPAddress.Parse(Public) }));
    }

    [TestCase("127.0.0.1")]
    [TestCase("[::1]")]
    [TestCase("[::ffff:169.254.169.254]")]
    [TestCase("169.254.169.254")]
    public void Ip_literal_hosts_are_vetted_without_a_lookup(string host)
    {
        var resolver = ScriptedResolver.Answering([Public]);
        var connector = new RecordingConnector();
        var guard = new GuardedConnector(resolver, connector, new DeliveryHttpOptions());

        Assert.ThrowsAsync<ForbiddenTargetException>(async () => await guard.ConnectAsync(new DnsEndPoint(host, 80), CancellationToken.None));
        Assert.That(resolver.Calls, Is.Zero);
        Assert.That(connector.Connects, Is.Empty);
    }

    [Test]
    public async Task A_public_ip_literal_is_connected_to_directly()
    {
        var resolver = ScriptedResolver.Answering(["127.0.0.1"]);
        var connector = new RecordingConnector();
        var guard = new GuardedConnector(resolver, connector, new DeliveryHttpOptions());

        await using (await guard.ConnectAsync(new DnsEndPoint("[2606:4700:4700::1111]", 443), CancellationToken.None))
        {
        }

        Assert.That(resolver.Calls, Is.Zero);
        Assert.That(connector.Connects.Single(), Is.EqualTo(new[] { IPAddress.Parse("2606:4700:4700::1111") }));
    }

    [Test]
    public async Task With_the_check_disabled_private_answers_are_connected_to()
    {
        var connector = new RecordingConnector();
        var guard = new GuardedConnector(ScriptedResolver.Answering(["127.0.0.1"]), connector, new DeliveryHttpOptions { DisableTargetIpCheck = true });

        await using (await guard.ConnectAsync(Receiver, CancellationToken.None))
        {
        }

        Assert.That(connector.Connects.Single(), Is.EqualTo(new[] { IPAddress.Loopback }));
    }

    [Test]
    public void A_lookup_beyond_its_budget_is_a_resolution_failure()
    {
        var guard = new GuardedConnector(new SilentResolver(), new RecordingConnector(), new DeliveryHttpOptions { DnsTimeout = TimeSpan.FromMilliseconds(100) });

        var failure = Assert.ThrowsAsync<HostResolutionException>(async () => await guard.ConnectAsync(Receiver, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("receiver.example"));
    }

    [Test]
    public void An_empty_answer_is_a_resolution_failure()
    {
        var guard = new GuardedConnector(new ScriptedResolver(() => []), new RecordingConnector(), new DeliveryHttpOptions());

        Assert.ThrowsAsync<HostResolutionException>(async () => await guard.ConnectAsync(Receiver, CancellationToken.None));
    }

    [Test]
    public void The_callers_cancellation_is_not_turned_into_a_resolution_failure()
    {
        var guard = new GuardedConnector(new SilentResolver(), new RecordingConnector(), new DeliveryHttpOptions());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await guard.ConnectAsync(Receiver, cancelled.Token));
    }
}
