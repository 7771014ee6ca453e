using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel;

/// <summary>Every API route that does not declare itself public refuses a caller without credentials.</summary>
public sealed partial class AnonymousAccessTests : ApiTest
{
    private static readonly string[] PublicRoutes =
    [
        "GET /api/v1/instance", "GET /api/v1/quotas", "GET /api/v1/errors", "GET /api/v1/payload_content_types",
        "GET /api/v1/health", "GET /api/v1/swagger.json",
        "GET /api/v1/environment_variables",
        "POST /api/v1/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh", "POST /api/v1/auth/verify-email",
        "POST /api/v1/auth/resend-verification-email", "POST /api/v1/auth/begin-reset-password", "POST /api/v1/auth/reset-password",
    ];

    public static IEnumerable<TestCaseData> ApiRoutes()
    {
        // Test cases are built before any fixture runs, so the routes come from a host that never
        // touches its (unreachable) database.
        using var factory = new Hook0Factory(TestDatabase.Unreachable, new Dictionary<string, string?> { ["NO_AUTO_DB_MIGRATION"] = "true" });
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/api/v1", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                yield return new TestCaseData(method, pattern, isPublic).SetName($"{method} {pattern}");
            }
        }
    }

    [TestCaseSource(nameof(ApiRoutes))]
    public async Task Route_refuses_anonymous_callers_unless_public(string method, string pattern, bool isPublic)
    {
        if (isPublic)
        {
            Assert.That(PublicRoutes, Does.Contain($"{method} {pattern}"), "only the documented public routes may opt out of authentication");
            return;
        }

        var url = Parameter().Replace(pattern, Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = RawJson("{}");
        }

        await AssertProblemAsync(await Anonymous().SendAsync(request), 401, "AuthNoAuthorizationHeader");
    }

    [Test]
    public void The_api_has_routes()
        => Assert.That(ApiRoutes().Count(), Is.GreaterThanOrEqualTo(PublicRoutes.Length));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
