using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Kernel.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Organizations.Login;

internal static class LoginEndpoint
{
    public static void MapLogin(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/login", async (LoginPost body, ISender sender, CancellationToken ct)
                => Results.Json(await sender.Send(new LoginCommand(body.Email, body.Password), ct), statusCode: StatusCodes.Status201Created))
            .ThrottledPerAddress(ThrottledRoutes.Login)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("auth.login")
            .Produces<LoginResponse>(StatusCodes.Status201Created);
}

/// <summary>Body of <c>POST /auth/login</c>.</summary>
public sealed record LoginPost(string Email, string Password);
