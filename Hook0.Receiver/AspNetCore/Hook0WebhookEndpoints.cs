using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Receiver.AspNetCore;

/// <summary>
/// <c>app.MapHook0Webhook("/webhooks", handler)</c>: a POST endpoint that reads the raw body once, verifies it,
/// answers 401 (problem+json, with the reason) when the signature does not hold, and otherwise calls the handler.
/// </summary>
public static class Hook0WebhookEndpoints
{
    public static RouteHandlerBuilder MapHook0Webhook(this IEndpointRouteBuilder endpoints, string pattern,
        Func<VerifiedWebhook, CancellationToken, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapPost(pattern, async (HttpContext context) =>
        {
            var services = context.RequestServices;
            var options = services.GetRequiredService<IOptions<Hook0ReceiverOptions>>().Value;
            return await HandleAsync(context, services.GetRequiredService<WebhookVerifier>(), options.MaxBodyBytes, handler);
        });
    }

    /// <summary>The same without dependency injection: the verifier is given directly.</summary>
    public static RouteHandlerBuilder MapHook0Webhook(this IEndpointRouteBuilder endpoints, string pattern, WebhookVerifier verifier,
        Func<VerifiedWebhook, CancellationToken, Task<IResult>> handler, long maxBodyBytes = 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapPost(pattern, (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, verifier, maxBodyBytes, handler)));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, WebhookVerifier verifier, long maxBodyBytes,
        Func<VerifiedWebhook, CancellationToken, Task<IResult>> handler)
    {
        var body = await RawBody.ReadAsync(context.Request, maxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                detail: $"the body is larger than {maxBodyBytes} bytes");
        }

        var headers = context.Request.Headers;
        var verification = await verifier.VerifyAsync(body, name => headers.TryGetValue(name, out var value) ? value.ToString() : null,
            context.RequestAborted);
        if (!verification.IsValid)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature", detail: verification.Reason,
                extensions: new Dictionary<string, object?> { ["failure"] = verification.Failure.ToString() });
        }

        return await handler(new VerifiedWebhook(context, body, verification), context.RequestAborted);
    }

    private static class RawBody
    {
        /// <returns>The body, or null when it is longer than <paramref name="limit"/> (read no further than that).</returns>
        public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
        {
            if (request.ContentLength > limit)
            {
                return null;
            }

            // The server-wide limit (30 MB by default) stays in force; ours is checked as bytes arrive.
            using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
