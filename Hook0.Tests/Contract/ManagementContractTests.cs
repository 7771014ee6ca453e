using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Contract;

/// <summary>
/// Wire compatibility with upstream's published OpenAPI document for the management operations: each
/// operation exists here with the same method and path, and each answer has upstream's shape.
/// </summary>
public sealed class ManagementContractTests : ApiTest
{
    private static readonly string[] Operations =
    [
        "instance.get", "quotas.get", "errors.list", "payload_content_types.list",
        "organizations.list", "organizations.get",
        "applications.list", "applications.create", "applications.get", "applications.update", "applications.delete",
        "applicationSecrets.read", "applicationSecrets.create", "applicationSecrets.update", "applicationSecrets.delete",
        "eventTypes.list", "eventTypes.create", "eventTypes.get", "eventTypes.delete",
        "subscriptions.list", "subscriptions.create", "subscriptions.get", "subscriptions.update", "subscriptions.delete",
    ];

    /// <summary>What we add to upstream's shapes, each named in an ADR (0003: problem ids; 0006: subscription fields; 0025: payload search; 0030: circuit and adaptive rate; 0031: egress; 0032: tail and cli target).</summary>
    private static readonly HashSet<string> DeclaredAdditions = ["MethodNotAllowed", "InvalidParameter", "is_paused", "retry_policy", "max_concurrency", "rate_limit_per_second",
        "TooManySubscriptionSecrets", "SystemApplication", "signature_schemes", "standard_secret", "secrets", "public_key", "health",
        "TooManyPendingInvitations", "description", "example", "deprecated", "payload_search", "PayloadSearchDisabled", "TooManyPortalEndpoints",
        "proxy", "egress_proxy", "oauth2", "client_certificates", "client_certificate_expires_at", "server_ca_pem",
        "TooManyStreams", "circuit_breaker_threshold", "circuit", "adaptive_rate_per_second"];

    public static IEnumerable<TestCaseData> UpstreamOperations()
        => from path in OpenApiSnapshot.Root["paths"]!.AsObject()
           from op in path.Value!.AsObject()
           let id = op.Value!["operationId"]?.GetValue<string>()
           where id is not null && Operations.Contains(id)
           select new TestCaseData(op.Key.ToUpperInvariant(), path.Key).SetArgDisplayNames(id);

    [Test]
    public void Every_listed_operation_is_in_the_snapshot()
        => Assert.That(UpstreamOperations().Count(), Is.EqualTo(Operations.Length));

    [TestCaseSource(nameof(UpstreamOperations))]
    public void Operation_exists_with_the_same_method_and_path(string method, string upstreamPath)
    {
        static string Shape(string p) => System.Text.RegularExpressions.Regex.Replace(p.TrimEnd('/'), @"\{[^}]+\}", "{}");
        var routes = ApiFixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Shape("/" + e.RoutePattern.RawText!.TrimStart('/'))}"));

        Assert.That(routes, Does.Contain($"{method} {Shape(upstreamPath)}"));
    }

    [Test]
    public async Task Answers_have_the_upstream_shapes()
    {
        var client = Master();
        var scenario = new Scenario(client);
        var tenant = await scenario.TenantAsync();
        var subscription = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var subscriptionId = subscription["subscription_id"]!.GetValue<Guid>();
        var app = tenant.ApplicationId;

        var answers = new (string Schema, JsonNode Body)[]
        {
            ("InstanceConfig", await GetAsync(client, "/api/v1/instance")),
            ("QuotasResponse", await GetAsync(client, "/api/v1/quotas")),
            ("Problem[]", await GetAsync(client, "/api/v1/errors")),
            ("Organization[]", await GetAsync(client, "/api/v1/organizations")),
            ("OrganizationInfo", await GetAsync(client, $"/api/v1/organizations/{tenant.OrganizationId}")),
            ("Application[]", await GetAsync(client, $"/api/v1/applications?organization_id={tenant.OrganizationId}")),
            ("ApplicationInfo", await GetAsync(client, $"/api/v1/applications/{app}")),
            ("Application", await JsonAsync(await client.PutAsJsonAsync($"/api/v1/applications/{app}", new { organization_id = tenant.OrganizationId, name = "Renamed" }))),
            ("ApplicationSecret[]", await GetAsync(client, $"/api/v1/application_secrets?application_id={app}")),
            ("ApplicationSecret", await JsonAsync(await client.PostAsJsonAsync("/api/v1/application_secrets", new { application_id = app, name = "CI" }))),
            ("EventType[]", await GetAsync(client, $"/api/v1/event_types?application_id={app}")),
            ("EventType", await GetAsync(client, $"/api/v1/event_types/{tenant.EventType}?application_id={app}")),
            ("Subscription[]", await GetAsync(client, $"/api/v1/subscriptions?application_id={app}")),
            ("Subscription", await GetAsync(client, $"/api/v1/subscriptions/{subscriptionId}")),
            ("Subscription", subscription),
            ("Problem", await JsonAsync(await client.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}"))),
        };

        Assert.Multiple(() =>
        {
            foreach (var (name, body) in answers)
            {
                var schema = name.EndsWith("[]", StringComparison.Ordinal)
                    ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name[..^2]}" } }
                    : new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
                Assert.That(SchemaChecker.Check(body, schema, DeclaredAdditions), Is.Empty, name);
            }
        });
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await JsonAsync(await client.GetAsync(url));
}
