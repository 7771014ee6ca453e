using Hook0.Modules.Kernel.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hook0.Modules.Kernel.ListEnvironmentVariables;

/// <summary><c>GET /environment_variables</c>: what can be configured, with defaults; public like upstream.</summary>
internal static class ListEnvironmentVariablesEndpoint
{
    public static void MapListEnvironmentVariables(this IEndpointRouteBuilder api)
        => api.MapGet("/environment_variables", () => TypedResults.Ok(SettingsCatalog.All))
            .AllowAnonymous()
            .WithTags("Instance");
}
