namespace Hook0.Tests.Infrastructure;

/// <summary>
/// A test class with its own delivery host for the whole class and a fresh loopback receiver for each test: the set-up
/// the delivery tests that drive workers (or watch them deliver) share. <see cref="HostSettings"/> says how the host
/// runs (by default its workers' own loop is off, so a test drives one worker round at a time).
/// </summary>
public abstract class ReceiverHostTest : ApiTest
{
    protected static readonly IReadOnlyDictionary<string, string?> WorkersOff = new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false" };

    protected DeliveryHost Host { get; private set; } = null!;

    protected WebhookReceiver Receiver { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> HostSettings => WorkersOff;

    [OneTimeSetUp]
    public void StartHost() => Host = new DeliveryHost(HostSettings);

    [OneTimeTearDown]
    public async Task StopHostAsync() => await Host.DisposeAsync();

    [SetUp]
    public async Task StartReceiverAsync() => Receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await Receiver.DisposeAsync();
}
