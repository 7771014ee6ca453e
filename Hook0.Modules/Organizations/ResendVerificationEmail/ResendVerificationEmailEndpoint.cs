using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Modules.Organizations.ResendVerificationEmail;

internal static class ResendVerificationEmailEndpoint
{
    public static void MapResendVerificationEmail(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/resend-verification-email", async (EmailPost body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ResendVerificationEmailCommand(body.Email), ct);
                return TypedResults.NoContent();
            })
            .ThrottledPerAddress(ThrottledRoutes.EmailLinks)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("auth.resend_verification_email");
}

/// <summary>Body carrying an e-mail address.</summary>
public sealed record EmailPost(string Email);
