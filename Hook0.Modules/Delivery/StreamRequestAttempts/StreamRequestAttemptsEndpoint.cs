using System.Text;
using System.Text.Json;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.StreamRequestAttempts;

/// <summary>
/// <c>GET /request_attempts/stream</c> (our addition): the application's attempts as they finish, as server-sent
/// events (<c>event: request_attempt</c>, <c>data</c> = the listing's JSON for the attempt, <c>id</c> = a cursor in the
/// listing's format over (completed_at, id)). <c>Last-Event-ID</c> resumes after the last event received; without it the
/// stream starts now. Authorized like listing attempts, refused before the stream opens; bounded by a heartbeat (which
/// re-runs the authorization, so an application moved or deleted stops the stream), a maximum duration, and a cap per credential and instance.
/// </summary>
internal static class StreamRequestAttemptsEndpoint
{
    public const string MediaType = "text/event-stream";

    private const int MaxLastEventIdLength = 512;

    public static void MapStreamRequestAttempts(this IEndpointRouteBuilder api)
        => api.MapGet("/request_attempts/stream", async (
                [FromQuery(Name = "application_id")] Guid applicationId,
                [FromQuery(Name = "subscription_id")] Guid? subscriptionId,
                [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
                HttpContext http, Caller caller, AccessPolicy policy, DeliveryDbContext db, AttemptTail tail, IOptions<AttemptStreamOptions> options,
                IHostApplicationLifetime lifetime, TimeProvider time, CancellationToken ct) =>
            {
                var access = new Access(caller, Actions.RequestAttemptList, ApplicationId: applicationId);
                await policy.AuthorizeAsync(access, ct);
                if (subscriptionId is { } id && !await db.Subscriptions.AnyAsync(s => s.Id == id && s.ApplicationId == applicationId && s.DeletedAt == null, ct))
                {
                    throw Problems.NotFound.ToException();
                }

                var after = lastEventId is { Length: > 0 } ? Cursor(lastEventId) : null;
                using var stream = tail.Open(applicationId, subscriptionId, after, caller.RateLimitKey ?? caller.Kind.ToString())
                    ?? throw Problems.TooManyStreams.ToException();
                var o = options.Value;
                using var longest = new CancellationTokenSource(TimeSpan.FromSeconds(o.MaxSeconds), time);
                using var ends = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping, longest.Token);
                await WriteAsync(http, db, stream, async () => await policy.AuthorizeAsync(access, ends.Token), TimeSpan.FromSeconds(o.HeartbeatSeconds), time, ends.Token);
                return Results.Empty;
            })
            .WithTags("Request Attempts")
            .WithName("requestAttempts.stream")
            .WithSummary("Stream finished request attempts (server-sent events)")
            .Produces<string>(StatusCodes.Status200OK, MediaType);

    private static AttemptCursor Cursor(string lastEventId)
    {
        try
        {
            return lastEventId.Length <= MaxLastEventIdLength ? AttemptCursor.Decode(lastEventId) : throw Problems.InvalidParameter.ToException();
        }
        catch (ProblemException)
        {
            throw Problems.InvalidParameter.With("The Last-Event-ID header is not an id this stream sent.");
        }
    }

    private static async Task WriteAsync(HttpContext http, DeliveryDbContext db, AttemptTail.TailStream stream, Func<Task> reauthorize,
        TimeSpan heartbeat, TimeProvider time, CancellationToken ct)
    {
        http.Response.ContentType = MediaType;
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // a proxy must pass events on as they come
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = http.Response.Body;
        try
        {
            // The comment tells a client the stream is open and its position taken: whatever finishes from now on is sent.
            await stream.Positioned.WaitAsync(ct);
            await WriteTextAsync(body, ": open\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                using var beatTimer = new CancellationTokenSource(heartbeat, time);
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct, beatTimer.Token);
                bool ready;
                try
                {
                    ready = await stream.Rows.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await reauthorize();
                    await WriteTextAsync(body, ": heartbeat\n\n", ct);
                    continue;
                }

                if (!ready)
                {
                    return; // the stream fell behind and was closed: the client resumes from its last id
                }

                var rows = new List<TailRow>();
                while (rows.Count < TailSql.Batch && stream.Rows.TryRead(out var row))
                {
                    rows.Add(row);
                }

                var dtos = await AttemptProjection.ToDtosAsync(db, [.. rows.Select(r => r.Row)], time.GetUtcNow().UtcDateTime, ct);
                var text = new StringBuilder();
                for (var i = 0; i < rows.Count; i++)
                {
                    text.Append("id: ").Append(rows[i].Cursor.Encode()).Append("\nevent: request_attempt\ndata: ")
                        .Append(JsonSerializer.Serialize(dtos[i], Hook0Json.Options)).Append("\n\n");
                }

                await WriteTextAsync(body, text.ToString(), ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ProblemException or TailOverflowException or IOException)
        {
            // The client left, the maximum duration passed, the instance is stopping, or access was revoked: the
            // stream ends (a client resumes with Last-Event-ID, and is refused then if it has no access any more).
        }
    }

    private static async Task WriteTextAsync(Stream body, string text, CancellationToken ct)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await body.FlushAsync(ct);
    }
}
