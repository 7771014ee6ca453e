using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Settings;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Modules.Organizations.Register;

internal static class RegisterEndpoint
{
    public static void MapRegister(this IEndpointRouteBuilder api)
        => api.MapPost("/register", async (RegistrationPost body, ISender sender, IOptions<IdentityOptions> identity, CancellationToken ct) =>
            {
                // Upstream refuses before looking at the body.
                if (identity.Value.DisableRegistration)
                {
                    throw Problems.RegistrationDisabled.ToException();
                }

                return Results.Json(await sender.Send(new RegisterCommand(body.FirstName ?? string.Empty, body.LastName ?? string.Empty, body.Email ?? string.Empty, body.Password ?? string.Empty), ct),
                    statusCode: StatusCodes.Status201Created);
            })
            .ThrottledPerAddress(ThrottledRoutes.Register)
            .AllowAnonymous()
            .WithTags("Authentication")
            .WithName("register")
            .Produces<Registration>(StatusCodes.Status201Created);
}

/// <summary>
/// Body of <c>POST /register</c>. <c>turnstile_token</c>, <c>gclid</c> and <c>signup_channel</c> are
/// accepted for upstream clients and ignored (no Turnstile or ad attribution here). Every field may be
/// missing at binding time, so that a refusal (registration disabled, then validation) is about the
/// request, not a JSON shape error.
/// </summary>
public sealed record RegistrationPost(string? FirstName = null, string? LastName = null, string? Email = null, string? Password = null,
    string? TurnstileToken = null, string? Gclid = null, string? SignupChannel = null);
