using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback (Kestrel) whose answers each test programs, recording every request.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>How to answer the n-th request (0-based); defaults to 200 "ok".</summary>
    public Func<int, HttpContext, Task> Respond { get; set; } = (_, ctx) => ctx.Response.WriteAsync("ok");

    public string Url(string path = "/hook") => $"{_app.Urls.First()}{path}";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var count = -1;
        app.Run(async ctx =>
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            receiver.Received.Enqueue(new ReceivedWebhook(ctx.Request.Method, ctx.Request.Path,
                ctx.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body.ToArray(), DateTime.UtcNow));
            await receiver.Respond(Interlocked.Increment(ref count), ctx);
        });
        await app.StartAsync(); // after start, Urls holds the port Kestrel actually bound
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan timeout)
    {
        await Eventually.HoldsAsync(() => Received.Count >= count, timeout);
        Assert.That(Received, Has.Count.GreaterThanOrEqualTo(count), $"expected {count} deliveries within {timeout}");
        return [.. Received];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedWebhook(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTime At);
