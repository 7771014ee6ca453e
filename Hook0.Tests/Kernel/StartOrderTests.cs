using Hook0.Modules.Kernel.Persistence;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hook0.Tests.Kernel;

/// <summary>
/// The start-up gate keeps the host's order: services behind it start one after another, in
/// registration order, once it opens — not all at once (a module's later service may rely on an earlier
/// one having started, as it could before the gate existed).
/// </summary>
public sealed class StartOrderTests
{
    [Test]
    public async Task Services_behind_the_gate_start_only_once_it_opens_and_in_registration_order()
    {
        var started = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostApplicationLifetime, FakeLifetime>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<GatedStartOrder>();
        // The first is slow to start: without the order the second and third would overtake it.
        services.AddSingleton<IHostedService>(new Recording("first", started, TimeSpan.FromMilliseconds(300)));
        services.AddSingleton<IHostedService>(new Recording("second", started, TimeSpan.Zero));
        services.AddSingleton<IHostedService>(new Recording("third", started, TimeSpan.FromMilliseconds(50)));
        AfterDatabaseReady.WrapHostedServices(services, 0);
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await Task.Delay(100);
        Assert.That(started, Is.Empty, "nothing starts before the gate opens");

        provider.GetRequiredService<DatabaseReadiness>().Open();
        await Eventually.HoldsAsync(() => started.Count == 3, pause: TimeSpan.FromMilliseconds(10));
        Assert.That(started, Is.EqualTo(new[] { "first", "second", "third" }));

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private sealed class Recording(string name, List<string> started, TimeSpan startTakes) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(startTakes, cancellationToken);
            lock (started)
            {
                started.Add(name);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
