using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Modules.Organizations.VerifyEmail;

internal static class VerifyEmailEndpoint
{
    public static void MapVerifyEmail(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/verify-email", async (LinkTokenPost body, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new VerifyEmailCommand(body.Token), ct), statusCode: StatusCodes.Status201Created))
            .ThrottledPerAddress(ThrottledRoutes.EmailLinks)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("auth.verify_email")
            .Produces<LoginResponse>(StatusCodes.Status201Created);
}

/// <summary>Body carrying an e-mail link's token.</summary>
public sealed record LinkTokenPost(string Token);
