using Hook0.Modules.Organizations.ResendVerificationEmail;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Modules.Organizations.BeginPasswordReset;

internal static class BeginPasswordResetEndpoint
{
    public static void MapBeginPasswordReset(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/begin-reset-password", async (EmailPost body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new BeginPasswordResetCommand(body.Email), ct);
                return TypedResults.NoContent();
            })
            .ThrottledPerAddress(ThrottledRoutes.PasswordReset)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("auth.begin_reset_password");
}
