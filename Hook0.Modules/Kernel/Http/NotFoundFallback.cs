using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// A GET to a path nothing serves (an unknown route, or a role this instance does not run) is a 404
/// for everyone; without it the authentication fallback would answer anonymous callers 401. Only GET
/// and HEAD: a wrong method on a known route must stay a 405.
/// </summary>
public static class NotFoundFallback
{
    public static void MapNotFoundFallback(this IEndpointRouteBuilder endpoints)
        => endpoints.MapMethods("{**path}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext http) =>
            {
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await ProblemWriter.WriteAsync(http, Problems.NotFound);
                    return;
                }

                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.Response.WriteAsync("Not found.");
            })
            .WithOrder(int.MaxValue)
            .AllowAnonymous()
            .ExcludeFromDescription();
}
