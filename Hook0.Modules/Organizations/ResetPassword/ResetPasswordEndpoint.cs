using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Modules.Organizations.ResetPassword;

internal static class ResetPasswordEndpoint
{
    public static void MapResetPassword(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/reset-password", async (ResetPasswordPost body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ResetPasswordCommand(body.Token, body.NewPassword), ct);
                return TypedResults.NoContent();
            })
            .ThrottledPerAddress(ThrottledRoutes.PasswordReset)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("auth.reset_password");
}

/// <summary>Body of <c>POST /auth/reset-password</c>.</summary>
public sealed record ResetPasswordPost(string Token, string NewPassword);
