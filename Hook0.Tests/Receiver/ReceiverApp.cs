using System.Collections.Concurrent;
using Hook0.Receiver;
using Hook0.Receiver.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Receiver;

/// <summary>
/// A receiver as a user writes it: Kestrel on loopback, <c>AddHook0Receiver</c> + <c>MapHook0Webhook</c>. Its keys are
/// read on the first request, so a test can subscribe (learning the secrets) after the receiver has an address.
/// </summary>
public sealed class ReceiverApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReceiverApp(WebApplication app) => _app = app;

    public WebhookVerifierOptions Keys { get; } = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Every answer given (status and body), in order.</summary>
    public ConcurrentQueue<(int Status, string Body)> Answers { get; } = new();

    /// <summary>What the handler saw: only deliveries whose signature held get there.</summary>
    public ConcurrentQueue<(WebhookVerification Verification, byte[] Body, Dictionary<string, string> Headers, string? EventType)> Handled { get; } = new();

    public string Url => $"{_app.Urls.First()}/webhooks";

    public static async Task<ReceiverApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        ReceiverApp? self = null;
        builder.Services.AddHook0Receiver(o =>
        {
            foreach (var secret in self!.Keys.Secrets)
            {
                o.Verification.Secrets.Add(secret);
            }

            foreach (var key in self.Keys.PublicKeys)
            {
                o.Verification.PublicKeys.Add(key);
            }

            o.Verification.Schemes = self.Keys.Schemes;
            o.Verification.ReplayGuard = self.Keys.ReplayGuard;
            o.Verification.TimeProvider = self.Clock;
        });
        var app = builder.Build();
        self = new ReceiverApp(app);
        app.Use(async (context, next) =>
        {
            var original = context.Response.Body;
            using var copy = new MemoryStream();
            context.Response.Body = copy;
            await next(context);
            copy.Position = 0;
            self.Answers.Enqueue((context.Response.StatusCode, new StreamReader(copy).ReadToEnd()));
            copy.Position = 0;
            await copy.CopyToAsync(original);
            context.Response.Body = original;
        });
        app.MapHook0Webhook("/webhooks", (webhook, _) =>
        {
            self.Handled.Enqueue((webhook.Verification, webhook.Body,
                webhook.HttpContext.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), webhook.EventType));
            return Task.FromResult(Results.Ok());
        });
        await app.StartAsync();
        self.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        return self;
    }

    public async Task WaitForAnswersAsync(int count)
    {
        await Infrastructure.Eventually.HoldsAsync(() => Answers.Count >= count, TimeSpan.FromSeconds(15));
        Assert.That(Answers, Has.Count.GreaterThanOrEqualTo(count), $"expected {count} deliveries");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
