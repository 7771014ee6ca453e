using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.Logout;

internal static class LogoutEndpoint
{
    public static void MapLogout(this IEndpointRouteBuilder api)
        => api.MapPost("/auth/logout", async (Caller caller, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new LogoutCommand(caller), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Authentication")
            .WithName("auth.logout");
}
