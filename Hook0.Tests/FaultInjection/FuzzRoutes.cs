using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.FaultInjection;

/// <summary>A route to fuzz: its method, its template, and whether it takes a dashboard form post.</summary>
internal sealed record FuzzRoute(string Method, string Template, bool Form);

/// <summary>
/// Every route of the server: the API from its OpenAPI document, everything else (the dashboard's form
/// posts — login, logout, verify-email — and its pages) from the endpoint table of the same build.
/// </summary>
internal static class FuzzRoutes
{
    public static async Task<List<FuzzRoute>> AllAsync(HttpClient master)
    {
        var document = JsonNode.Parse(await master.GetStringAsync("/api/v1/swagger.json"))!;
        var api = from path in document["paths"]!.AsObject()
                  from operation in path.Value!.AsObject()
                  where operation.Key is "get" or "post" or "put" or "patch" or "delete"
                  select new FuzzRoute(operation.Key.ToUpperInvariant(), path.Key, Form: false);
        return [.. api.Concat(OutsideTheApi()).Distinct()];
    }

    private static IEnumerable<FuzzRoute> OutsideTheApi()
    {
        var endpoints = ApiFixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            // The API is listed by its document; static files, Blazor's circuit hub and catch-alls are not routes of ours.
            if (template.StartsWith("/api", StringComparison.Ordinal) || template.StartsWith("/_", StringComparison.Ordinal)
                || template.Contains("{**", StringComparison.Ordinal) || template.Contains("{*", StringComparison.Ordinal)
                || Path.HasExtension(template.Split('{')[0]))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                yield return new FuzzRoute(method, template, Form: method == "POST");
            }
        }
    }
}
