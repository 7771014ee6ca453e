using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Kernel.ListErrors;

/// <summary><c>GET /errors</c>: the whole problem catalogue, each entry as the problem document it would be.</summary>
internal static class ListErrorsEndpoint
{
    public static void MapListErrors(this IEndpointRouteBuilder api)
        => api.MapGet("/errors", () => TypedResults.Ok(Problems.All.Select(p => ProblemWriter.ToDocument(p)).ToList()))
            .AllowAnonymous()
            .WithTags("Errors")
            .WithName("errors.list");
}
