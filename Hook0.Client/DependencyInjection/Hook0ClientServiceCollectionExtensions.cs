using System.Net;
using System.Net.Http.Headers;
using Hook0.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Polly;
using Polly.Timeout;

namespace Hook0.Client;

public static class Hook0ClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="Hook0Client"/> as a typed client of <c>IHttpClientFactory</c>, with retries on 429
    /// (when the answer says when: a quota 429 does not) and 503, waiting what Retry-After says; a lost connection or
    /// a timed-out attempt is retried only for requests that are safe to repeat.
    /// </summary>
    public static IHttpClientBuilder AddHook0Client(this IServiceCollection services, Action<Hook0ClientOptions> configure)
    {
        (services ?? throw new ArgumentNullException(nameof(services))).Configure(configure);
        services.AddTransient<AttemptHandler>();
        var builder = services.AddHttpClient<Hook0Client>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<Hook0ClientOptions>>().Value;
            options.Validate();
            http.BaseAddress = options.BaseAddress;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("hook0-client-dotnet", typeof(Hook0Client).Assembly.GetName().Version?.ToString(3)));
            // The resilience pipeline's own timeouts bound each attempt and the whole send.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.AddResilienceHandler("hook0", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<Hook0ClientOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                ShouldRetryAfterHeader = true,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldHandle = args => new ValueTask<bool>(options.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        builder.AddHttpMessageHandler<AttemptHandler>();
        return builder;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request) => outcome switch
    {
        { Result: { StatusCode: HttpStatusCode.ServiceUnavailable } } => true,
        { Result: { StatusCode: (HttpStatusCode)429 } response } => response.Headers.RetryAfter is not null,
        { Exception: HttpRequestException or TimeoutRejectedException } => request is not null && SafeToRepeat(request),
        _ => false,
    };

    private static bool SafeToRepeat(HttpRequestMessage request)
        => request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
           || request.GetRequestOption<SendState>() is { Idempotent: true };
}
