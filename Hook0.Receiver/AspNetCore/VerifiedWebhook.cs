using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hook0.Receiver.AspNetCore;

/// <summary>A delivery whose signature verified: its raw body (read once) and what identifies it.</summary>
public sealed class VerifiedWebhook(HttpContext httpContext, byte[] body, WebhookVerification verification)
{
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>The body exactly as signed.</summary>
    public byte[] Body { get; } = body;

    public WebhookVerification Verification { get; } = verification;

    /// <summary>The event type Hook0 sends in <c>x-event-type</c>, when present.</summary>
    public string? EventType => HttpContext.Request.Headers["x-event-type"].FirstOrDefault();

    /// <summary>The event id Hook0 sends in <c>x-event-id</c>: the same on every retry, so a handler can be idempotent on it.</summary>
    public string? EventId => HttpContext.Request.Headers["x-event-id"].FirstOrDefault();

    public string BodyText() => Encoding.UTF8.GetString(Body);

    public T? Json<T>(JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(Body, options ?? JsonSerializerOptions.Web);
}
