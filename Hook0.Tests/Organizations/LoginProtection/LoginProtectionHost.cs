using System.Net;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Organizations.LoginProtection;

/// <summary>
/// A host whose clock the test moves (delays and lockouts end without waiting) and whose callers
/// arrive through a trusted proxy at 127.0.0.1, so each request may claim its own client address with
/// <c>X-Forwarded-For</c>, as many clients behind a real proxy would.
/// </summary>
internal sealed class LoginProtectionHost : IAsyncDisposable
{
    public LoginProtectionHost(IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? WholeSecondClock();
        var all = new Dictionary<string, string?>
        {
            ["REVERSE_PROXY_IPS"] = "127.0.0.1",
            ["LOGIN_DELAY_AFTER_FAILURES"] = "5",
            ["LOGIN_LOCKOUT_AFTER_FAILURES"] = "10",
            ["LOGIN_LOCKOUT_DURATION_IN_S"] = "900",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = new Hook0Factory(ApiFixture.Database, all, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddTransient<IStartupFilter, ProxyPeer>();
        });
        Accounts = new UserAccounts(Factory);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Now, to the second: the database keeps microseconds, so whole seconds compare exactly.</summary>
    public static FakeTimeProvider WholeSecondClock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public ListLoggerProvider Logs { get; } = new();

    public Hook0Factory Factory { get; }

    public UserAccounts Accounts { get; }

    public async Task<(int Status, string Body)> LoginAsync(string email, string password, string address = "203.0.113.1")
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    /// <summary>A test server's requests have no peer address: give them the proxy's, whose header is then believed.</summary>
    private sealed class ProxyPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
