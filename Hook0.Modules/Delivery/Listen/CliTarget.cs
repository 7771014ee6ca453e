using System.Diagnostics;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Sending.Errors;
using Hook0.Modules.Delivery.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Listen;

/// <summary>
/// The <c>cli</c> target type: the attempt is signed exactly as an HTTP delivery (<see cref="AttemptSender.SignedHeaders"/>),
/// handed to the subscription's <c>hook0 listen</c> connection on this instance, which POSTs it to its local URL and
/// answers with the local response — recorded like any response (status, headers, body capped as HTTP's). Within the
/// delivery timeout; a timeout or an unreachable local receiver is a failed try (retried as usual). A connection that
/// is gone (none, or dropped before answering) throws <see cref="ListenerGoneException"/>: the attempt is released.
/// </summary>
internal sealed class CliTarget(AttemptSender sender, CliListeners listeners, IHubContext<ListenHub> hub, IOptions<DeliveryOptions> options) : IDeliveryTarget
{
    public const string DeliverMethod = "Deliver";

    public string Type => SubscriptionTargetTypes.Cli;

    public async Task<DeliveryOutcome> SendAsync(ClaimedAttempt attempt, CancellationToken cancellationToken)
    {
        var (headers, failure, sent) = sender.SignedHeaders(attempt);
        if (headers is null)
        {
            return AttemptSender.Failure(DeliveryErrorCodes.InvalidHeader, failure, 0);
        }

        var connection = listeners.ConnectionFor(attempt.SubscriptionId) ?? throw new ListenerGoneException();
        var o = options.Value;
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.TimeoutMs);
        ForwardAnswer answer;
        try
        {
            answer = await hub.Clients.Client(connection).InvokeAsync<ForwardAnswer>(DeliverMethod,
                new ForwardRequest(attempt.EventId, attempt.EventTypeName, headers, attempt.Payload), timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return AttemptSender.Failure(DeliveryErrorCodes.Timeout, $"hook0 listen gave no answer within {o.TimeoutMs} ms", (int)watch.ElapsedMilliseconds, sent);
        }
        catch (HubException e)
        {
            // The session answered with an error of its own: a failed try, not a lost connection.
            return AttemptSender.Failure(DeliveryErrorCodes.Unknown, e.Message, (int)watch.ElapsedMilliseconds, sent);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // The connection closed before an answer (the session ended, the machine slept): nothing was recorded.
            throw new ListenerGoneException("The hook0 listen session left before answering.", e);
        }

        var elapsed = (int)watch.ElapsedMilliseconds;
        if (answer.Error is { } error || answer.Status is not { } status)
        {
            return AttemptSender.Failure(DeliveryErrorCodes.Connection, $"hook0 listen could not reach its local URL: {answer.Error}", elapsed, sent);
        }

        var body = answer.Body ?? [];
        var truncated = answer.BodyTruncated || body.Length > o.MaxResponseBodyBytes;
        var succeeded = status is >= 200 and < 300;
        return new DeliveryOutcome(succeeded, succeeded ? null : DeliveryErrorCodes.Http, status,
            answer.Headers?.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal),
            body.Length > o.MaxResponseBodyBytes ? body[..o.MaxResponseBodyBytes] : body, truncated, elapsed, null, sent);
    }
}
