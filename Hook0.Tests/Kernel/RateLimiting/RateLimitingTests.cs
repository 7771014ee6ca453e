using System.Net;
using Hook0.Modules.Kernel.Settings;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel.RateLimiting;

/// <summary>The API's token buckets (global, per client IP, per credential) on the real host, with tiny limits.</summary>
public sealed class RateLimitingTests : ApiTest
{
    /// <summary>Long enough that no token comes back during a test.</summary>
    private const string Slow = "600000";

    private readonly List<IAsyncDisposable> _hosts = [];

    [TearDown]
    public async Task StopHostsAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
    }

    [Test]
    public async Task The_request_after_the_burst_is_refused_with_retry_after()
    {
        var host = Start(new() { ["API_RATE_LIMITING_IP_BURST_SIZE"] = "3", ["API_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS"] = Slow });
        var client = Client(host, peer: "198.51.100.1");

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await client.GetAsync("/api/v1/instance")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }

        var refused = await client.GetAsync("/api/v1/instance");
        await AssertProblemAsync(refused, 429, "RateLimited");
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.EqualTo(600));
    }

    [Test]
    public async Task Each_token_has_its_own_bucket_and_the_master_key_none()
    {
        var host = Start(new() { ["API_RATE_LIMITING_TOKEN_BURST_SIZE"] = "2", ["API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS"] = Slow });
        var master = Client(host, bearer: Hook0Factory.MasterKey);
        var scenario = new Scenario(master);
        var first = await scenario.TenantAsync("First");
        var second = await scenario.TenantAsync("Second");
        var firstSecret = Client(host, bearer: first.Secret);
        var secondSecret = Client(host, bearer: second.Secret);

        Assert.That((await firstSecret.GetAsync(EventTypes(first))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await firstSecret.GetAsync(EventTypes(first))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await firstSecret.GetAsync(EventTypes(first)), 429, "RateLimited");

        Assert.That((await secondSecret.GetAsync(EventTypes(second))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await master.GetAsync(EventTypes(first))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the master key is exempt");
        }
    }

    [Test]
    public async Task The_ip_bucket_counts_every_token_of_that_ip_and_not_other_ips()
    {
        var host = Start(new() { ["API_RATE_LIMITING_IP_BURST_SIZE"] = "2", ["API_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS"] = Slow });
        var tenant = await new Scenario(Master()).TenantAsync(); // through the shared host: its own limits

        Assert.That((await Client(host, bearer: tenant.Secret, peer: "192.0.2.1").GetAsync(EventTypes(tenant))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client(host, bearer: Hook0Factory.MasterKey, peer: "192.0.2.1").GetAsync(EventTypes(tenant))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await Client(host, peer: "192.0.2.1").GetAsync("/api/v1/instance"), 429, "RateLimited");

        Assert.That((await Client(host, bearer: tenant.Secret, peer: "192.0.2.2").GetAsync(EventTypes(tenant))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_global_bucket_counts_every_ip_and_token()
    {
        var host = Start(new() { ["API_RATE_LIMITING_GLOBAL_BURST_SIZE"] = "3", ["API_RATE_LIMITING_GLOBAL_REPLENISH_PERIOD_IN_MS"] = Slow });

        Assert.That((await Client(host, peer: "192.0.2.1").GetAsync("/api/v1/instance")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client(host, peer: "192.0.2.2").GetAsync("/api/v1/instance")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Client(host, bearer: Hook0Factory.MasterKey, peer: "192.0.2.3").GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await Client(host, bearer: Hook0Factory.MasterKey, peer: "192.0.2.4").GetAsync("/api/v1/organizations"), 429, "RateLimited");
    }

    [Test]
    public async Task Paths_outside_the_api_are_not_limited()
    {
        var host = Start(new() { ["API_RATE_LIMITING_GLOBAL_BURST_SIZE"] = "1", ["API_RATE_LIMITING_GLOBAL_REPLENISH_PERIOD_IN_MS"] = Slow });
        var client = Client(host);

        for (var i = 0; i < 5; i++)
        {
            Assert.That((await client.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That((await client.GetAsync("/api/v1/instance")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await client.GetAsync("/api/v1/instance"), 429, "RateLimited");
    }

    [TestCase("DISABLE_API_RATE_LIMITING")]
    [TestCase("DISABLE_API_RATE_LIMITING_GLOBAL")]
    public async Task A_switch_turns_limits_off(string setting)
    {
        var host = Start(new()
        {
            [setting] = "true", ["API_RATE_LIMITING_GLOBAL_BURST_SIZE"] = "1", ["API_RATE_LIMITING_GLOBAL_REPLENISH_PERIOD_IN_MS"] = Slow,
        });
        var client = Client(host);

        for (var i = 0; i < 5; i++)
        {
            Assert.That((await client.GetAsync("/api/v1/instance")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }
    }

    [Test]
    public async Task Turning_off_one_bucket_leaves_the_others()
    {
        var host = Start(new()
        {
            ["DISABLE_API_RATE_LIMITING_TOKEN"] = "true",
            ["API_RATE_LIMITING_TOKEN_BURST_SIZE"] = "1", ["API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS"] = Slow,
            ["API_RATE_LIMITING_IP_BURST_SIZE"] = "3", ["API_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS"] = Slow,
        });
        var client = Client(host, bearer: Hook0Factory.MasterKey, peer: "192.0.2.9");

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await client.GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await AssertProblemAsync(await client.GetAsync("/api/v1/organizations"), 429, "RateLimited");
    }

    [Test]
    public void The_default_limits_let_one_secret_send_thousands_of_requests_a_second()
    {
        var defaults = SettingsCatalog.All.ToDictionary(s => s.EnvVar, s => s.Default);
        var token = Hook0.Modules.Kernel.RateLimiting.TokenBucket.Options(
            int.Parse(defaults["API_RATE_LIMITING_TOKEN_BURST_SIZE"]!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(defaults["API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS"]!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(Hook0.Modules.Kernel.RateLimiting.TokenBucket.RatePerSecond(token), Is.GreaterThanOrEqualTo(5_000));
    }

    [Test]
    public void Fractional_periods_are_valid_settings_and_zero_is_not()
    {
        static IReadOnlyList<string> Validate(string value) => SettingsValidator.Validate(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS"] = value }).Build());

        Assert.Multiple(() =>
        {
            Assert.That(Validate("0.2"), Is.Empty);
            Assert.That(Validate("100"), Is.Empty);
            Assert.That(Validate("0"), Has.One.StartsWith("API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS:"));
        });
    }

    private WebApplicationFactory<Program> Start(Dictionary<string, string?> settings)
    {
        settings["NO_AUTO_DB_MIGRATION"] = "true";
        var factory = new Hook0Factory(Database, settings);
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerFromHeader>()));
        _hosts.Add(host);
        _hosts.Add(factory);
        return host;
    }

    private static HttpClient Client(WebApplicationFactory<Program> host, string? bearer = null, string? peer = null)
    {
        var client = host.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(PeerFromHeader.Header, peer);
        }

        return client;
    }

    private static string EventTypes(Tenant tenant) => $"/api/v1/event_types?application_id={tenant.ApplicationId}";

    /// <summary>The test server has no TCP peer: this plays the client's address, before anything else runs.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> proceed) =>
            {
                if (context.Request.Headers[Header] is [{ } peer])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return proceed();
            });
            next(app);
        };
    }
}
