// A receiver: takes Hook0's deliveries at /webhooks. MapHook0Webhook reads the body once, checks the signature
// (401 with the reason when it fails) and only then calls the handler.
using System.Collections.Concurrent;
using System.Text.Json;
using Hook0.Receiver;
using Hook0.Receiver.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["PORT"] ?? "5200"}");
builder.Services.AddHook0Receiver(o =>
{
    // The subscription's secret (or standard_secret); during a rotation, list the old and the new one.
    foreach (var secret in (builder.Configuration["Hook0:Secrets"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        o.Verification.Secrets.Add(secret);
    }

    o.Verification.ReplayGuard = new MemoryReplayGuard(o.Verification.Tolerance);
});
var received = new ConcurrentQueue<object>();
var app = builder.Build();

app.MapHook0Webhook("/webhooks", (webhook, _) =>
{
    // Hook0 retries until it gets a 2xx: a real handler makes its work idempotent on webhook.EventId.
    received.Enqueue(new
    {
        event_id = webhook.EventId,
        event_type = webhook.EventType,
        scheme = webhook.Verification.Scheme.ToString(),
        payload = webhook.Json<JsonElement>(),
    });
    return Task.FromResult(Results.NoContent());
});
app.MapGet("/received", () => received.ToArray());

app.Run();
