using System.Globalization;
using System.Threading.RateLimiting;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.RateLimiting;

/// <summary>
/// Per client address throttling of the unauthenticated account routes (sign-in, registration,
/// password reset, e-mail verification, token refresh): a token bucket per route family and address
/// (an IPv6 client counted by its /64, the address resolved through trusted proxies only). In process,
/// as the issue allows: the per-account lockout is what holds across instances. It is independent of
/// <c>DISABLE_API_RATE_LIMITING</c>, which exists for benchmarks and must not open the door to guessing.
/// </summary>
public sealed class AddressThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AddressThrottle(IOptions<AuthRateLimitingOptions> options)
    {
        var bucket = TokenBucket.Options(options.Value.IpBurstSize, options.Value.IpReplenishPeriodInMs);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }

    /// <summary>Null when the request may go on, else how long the address must wait.</summary>
    public TimeSpan? Refusal(HttpContext context, string family)
    {
        using var lease = _limiter.AttemptAcquire($"{family}|{RateLimitingSetup.IpKey(context.Connection.RemoteIpAddress)}");
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Route families, each with its own bucket: a burst of refreshes does not block sign-in.</summary>
public static class ThrottledRoutes
{
    public const string Login = "login";
    public const string Register = "register";
    public const string PasswordReset = "password-reset";
    public const string EmailLinks = "email-links";
    public const string Refresh = "refresh";

    /// <summary>Refuses with the 429 <c>RateLimited</c> problem and <c>Retry-After</c> once the address's bucket is empty.</summary>
    public static RouteHandlerBuilder ThrottledPerAddress(this RouteHandlerBuilder route, string family)
        => route.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (context.RequestServices.GetRequiredService<AddressThrottle>().Refusal(context, family) is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ProblemResult(Problems.RateLimited);
            }

            return await next(invocation);
        }).WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDocument), [ProblemResponses.ContentType]));

    private sealed class ProblemResult(Problem problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => ProblemWriter.WriteAsync(httpContext, problem);
    }
}
