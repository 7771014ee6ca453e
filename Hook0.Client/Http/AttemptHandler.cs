using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Hook0.Client.Http;

/// <summary>Inside the retry pipeline, so it sees every attempt: counts them and keeps the last refusal's problem body.</summary>
internal sealed class AttemptHandler : DelegatingHandler
{
    // A problem document is a few hundred bytes; anything larger is not read into memory.
    private const long MaxProblemBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = request.GetRequestOption<SendState>();
        state?.CountAttempt();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (state is not null && !response.IsSuccessStatusCode && response.Content is { } content
            && content.Headers.ContentType?.MediaType == "application/problem+json"
            && (content.Headers.ContentLength ?? 0) <= MaxProblemBytes)
        {
            // Buffered, so Kiota can still read the body after us.
#if NET
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            state.ProblemBody = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
            await content.LoadIntoBufferAsync().ConfigureAwait(false);
            state.ProblemBody = await content.ReadAsStringAsync().ConfigureAwait(false);
#endif
            state.Status = (int)response.StatusCode;
        }

        return response;
    }
}
