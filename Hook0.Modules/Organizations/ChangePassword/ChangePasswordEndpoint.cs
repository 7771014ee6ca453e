using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ChangePassword;

internal static class ChangePasswordEndpoint
{
    public static void MapChangePassword(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/password", async (ChangePasswordPost body, Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ChangePasswordCommand(caller, body.NewPassword, body.CurrentPassword), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Authentication")
            .WithName("auth.change_password");
}

/// <summary>Body of <c>POST /auth/password</c>; <c>current_password</c> is optional (our addition, ADR 0009).</summary>
public sealed record ChangePasswordPost(string NewPassword, string? CurrentPassword = null);
