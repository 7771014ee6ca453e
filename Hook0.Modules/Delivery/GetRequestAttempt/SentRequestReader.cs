using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;

namespace Hook0.Modules.Delivery.GetRequestAttempt;

/// <summary>
/// Rebuilds the request as sent from what the history keeps: the headers with the request line's pseudo-headers
/// (<see cref="SentHeaders"/>), and the body by reference — the event's payload, asked of Ingestion through its
/// contract with the caller's own rights (retention may have removed it: then the body is said to be unavailable).
/// </summary>
internal static class SentRequestReader
{
    public static async Task<SentRequestDto?> ReadAsync(ISender sender, Caller caller, Guid applicationId, Guid eventId, string? keptHeaders,
        CancellationToken cancellationToken)
    {
        if (keptHeaders is null)
        {
            return null; // nothing was sent (cancelled before a try, or an unsigned request refused before the call)
        }

        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(keptHeaders) ?? [];
        headers.Remove(SentHeaders.MethodKey, out var method);
        headers.Remove(SentHeaders.UrlKey, out var url);
        headers.Remove(SentHeaders.ProxyKey, out var proxy);
        try
        {
            var sentEvent = await sender.Send(new GetEventQuery(caller, applicationId, eventId), cancellationToken);
            return new SentRequestDto(method, url, headers, sentEvent.Payload, sentEvent.PayloadContentType) { EgressProxy = proxy };
        }
        catch (ProblemException e) when (e.Problem.Status == 404)
        {
            return new SentRequestDto(method, url, headers, null, null, "the event is no longer kept (retention)") { EgressProxy = proxy };
        }
        catch (ProblemException e) when (e.Problem.Status == 403)
        {
            // A token attenuated to the attempts may not read events: the attempt still answers, without the body.
            return new SentRequestDto(method, url, headers, null, null, "this credential may not read the event") { EgressProxy = proxy };
        }
    }
}
