using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Infrastructure;

/// <summary>A host on the run's database with the delivery workers running (loopback targets allowed).</summary>
public sealed class DeliveryHost : IAsyncDisposable
{
    private readonly Hook0Factory _factory;

    public DeliveryHost(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["DELIVERY_WORKERS_ENABLED"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true",
            ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
            ["TIMEOUT_MS"] = "3000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _factory = new Hook0Factory(ApiFixture.Database, all, services);
        _ = _factory.Server;
    }

    public HttpClient Master()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        return client;
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The host itself, for user accounts and the e-mails it logs.</summary>
    public Hook0Factory Factory => _factory;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
