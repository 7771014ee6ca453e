using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

/// <summary>Upstream's security headers and CORS rules (reference §2.1).</summary>
public sealed class WebSecurityTests : ApiTest
{
    private Hook0Factory _configured = null!;

    [OneTimeSetUp]
    public void Start()
        => _configured = new Hook0Factory(ApiFixture.Database, new Dictionary<string, string?>
        {
            ["NO_AUTO_DB_MIGRATION"] = "true",
            ["ENABLE_SECURITY_HEADERS"] = "false",
            ["ENABLE_HSTS_HEADER"] = "true",
            ["CORS_ALLOWED_ORIGINS"] = "https://app.example, https://other.example",
        });

    [OneTimeTearDown]
    public Task StopAsync() => _configured.DisposeAsync().AsTask();

    [TestCase("/api/v1/instance", 200)]
    [TestCase("/api/v1/applications", 401)]
    public async Task Security_headers_are_on_every_answer_by_default(string path, int status)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("strict-origin-when-cross-origin"));
            Assert.That(Header(response, "X-XSS-Protection"), Is.EqualTo("1; mode=block"));
            Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(Header(response, "Strict-Transport-Security"), Is.Null);
        });
    }

    [Test]
    public async Task Security_headers_can_be_turned_off_and_hsts_on()
    {
        var response = await _configured.CreateClient().GetAsync("/api/v1/instance");

        Assert.Multiple(() =>
        {
            Assert.That(Header(response, "X-Content-Type-Options"), Is.Null);
            Assert.That(Header(response, "X-Frame-Options"), Is.Null);
            Assert.That(Header(response, "Strict-Transport-Security"), Is.EqualTo("max-age=63072000"));
        });
    }

    [Test]
    public async Task Preflight_from_an_allowed_origin_is_answered_without_credentials()
    {
        var response = await _configured.CreateClient().SendAsync(Preflight("https://other.example"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("https://other.example"));
            Assert.That(Header(response, "Access-Control-Allow-Methods"), Does.Contain("PUT"));
            Assert.That(Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant(), Does.Contain("authorization").And.Contain("hook0-client-options"));
            Assert.That(Header(response, "Access-Control-Max-Age"), Is.EqualTo("3600"));
        });
    }

    [Test]
    public async Task Preflight_from_another_origin_gets_no_cors_grant()
    {
        var response = await _configured.CreateClient().SendAsync(Preflight("https://evil.example"));

        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.Null);
    }

    [Test]
    public async Task Preflight_asking_for_a_method_upstream_does_not_allow_is_not_granted_it()
    {
        var request = Preflight("https://app.example");
        request.Headers.Remove("Access-Control-Request-Method");
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        var response = await _configured.CreateClient().SendAsync(request);

        Assert.That(Header(response, "Access-Control-Allow-Methods") ?? string.Empty, Does.Not.Contain("PATCH"));
    }

    [Test]
    public async Task Cross_origin_answers_name_the_allowed_origin()
    {
        var client = _configured.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "https://app.example");
        var response = await client.GetAsync("/api/v1/instance");

        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("https://app.example"));
    }

    [Test]
    public async Task No_origin_is_allowed_by_default()
    {
        var response = await Anonymous().SendAsync(Preflight("https://app.example"));

        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.Null);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/applications?organization_id=00000000-0000-0000-0000-000000000000");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, hook0-client-options");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
