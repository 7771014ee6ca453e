using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Modules.Organizations.RefreshSession;

internal static class RefreshSessionEndpoint
{
    /// <summary>
    /// The refresh token travels in <c>Authorization</c>, as upstream; the route reads it itself so that
    /// every failure is upstream's 401 <c>AuthFailedRefresh</c>, never the generic token refusal.
    /// </summary>
    public static void MapRefreshSession(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/refresh", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var header = request.Headers.Authorization.ToString();
                var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header.Trim();
                return Results.Json(await sender.Send(new RefreshSessionCommand(token.Length == 0 ? null : token), ct), statusCode: StatusCodes.Status201Created);
            })
            .ThrottledPerAddress(ThrottledRoutes.Refresh)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("auth.refresh")
            .Produces<LoginResponse>(StatusCodes.Status201Created);
}
