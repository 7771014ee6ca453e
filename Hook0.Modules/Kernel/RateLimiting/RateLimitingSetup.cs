using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter with three chained token buckets over <c>/api/v1</c>: the whole instance,
/// the client IP (already resolved through trusted proxies only, see <c>ClientAddress</c>), and the
/// authenticated credential (<see cref="Caller.RateLimitKey"/>; the master key is exempt). A refusal is
/// the 429 <c>RateLimited</c> problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimitingSetup
{
    /// <summary>
    /// Partitions are cached by key, whatever their kind: the unlimited one needs a key no address or
    /// credential can take, or the first request outside the API would turn a real bucket into no limit.
    /// </summary>
    private const string Unlimited = "\0unlimited";

    public static IServiceCollection AddHook0RateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddSingleton<AddressThrottle>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            var chain = new List<PartitionedRateLimiter<HttpContext>>();
            if (!limits.GlobalDisabled)
            {
                var global = TokenBucket.Options(limits.GlobalBurstSize, limits.GlobalReplenishPeriodInMs);
                chain.Add(Bucket(context => IsApi(context) ? "global" : null, global));
            }

            if (!limits.IpDisabled)
            {
                var ip = TokenBucket.Options(limits.IpBurstSize, limits.IpReplenishPeriodInMs);
                chain.Add(Bucket(context => IsApi(context) ? IpKey(context.Connection.RemoteIpAddress) : null, ip));
            }

            if (!limits.TokenDisabled)
            {
                var token = TokenBucket.Options(limits.TokenBurstSize, limits.TokenReplenishPeriodInMs);
                chain.Add(Bucket(context => IsApi(context) ? TokenKey(context) : null, token));
            }

            limiter.GlobalLimiter = chain.Count == 0 ? null : PartitionedRateLimiter.CreateChained([.. chain]);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Place after authentication (the per-token bucket reads the caller) and before authorization.</summary>
    public static IApplicationBuilder UseHook0RateLimiting(this IApplicationBuilder app)
        => app.ApplicationServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Disabled
            ? app
            : app.UseRateLimiter();

    /// <summary>The per-IP partition: an IPv6 client usually holds a whole /64, so that is what it is counted by.</summary>
    internal static string IpKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown"; // not TCP (a test server, a Unix socket): one shared bucket rather than none
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    private static string? TokenKey(HttpContext context)
        => context.User is CallerPrincipal { Caller: { Kind: not CallerKind.Master, RateLimitKey: { } key } } ? key : null;

    /// <summary>The API and the MCP endpoint, whose tools are the API's requests: an assistant gets no bucket of its own.</summary>
    private static bool IsApi(HttpContext context)
        => context.Request.Path.StartsWithSegments(ModulesRegistration.ApiPrefix, StringComparison.OrdinalIgnoreCase)
           || context.Request.Path.StartsWithSegments(ModulesRegistration.McpPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>A bucket per key; a null key (not the API or /mcp, or no credential) is not limited.</summary>
    private static PartitionedRateLimiter<HttpContext> Bucket(Func<HttpContext, string?> key, TokenBucketRateLimiterOptions options)
        => PartitionedRateLimiter.Create<HttpContext, string>(context => key(context) is { } partition
            ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => options)
            : RateLimitPartition.GetNoLimiter(Unlimited));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ProblemWriter.WriteAsync(rejected.HttpContext, Problems.RateLimited);
    }
}
