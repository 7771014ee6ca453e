using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// Upstream's CORS rules. Applied as middleware (not per endpoint) so a preflight is answered before
/// authentication and the fallback policy that requires a caller on every endpoint.
/// </summary>
public static class CorsSetup
{
    private const string PolicyName = "hook0";

    public static IServiceCollection AddHook0Cors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>()
            .Configure<IOptions<WebSecurityOptions>>((cors, security) => cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins(security.Value.AllowedOrigins())
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Accept", "Authorization", "Content-Type", "Hook0-Client-Options")
                .SetPreflightMaxAge(TimeSpan.FromSeconds(3600))));
        return services;
    }

    public static IApplicationBuilder UseHook0Cors(this IApplicationBuilder app) => app.UseCors(PolicyName);
}
