using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

public sealed class ErrorHandlingTests : ApiTest
{
    [Test]
    public async Task Unknown_api_route_is_a_not_found_problem()
        => await AssertProblemAsync(await Master().GetAsync("/api/v1/does-not-exist"), 404, "NotFound");

    [Test]
    public async Task Wrong_method_is_a_method_not_allowed_problem()
        => await AssertProblemAsync(await Master().DeleteAsync("/api/v1/instance"), 405, "MethodNotAllowed");

    [Test]
    public async Task Trailing_slash_reaches_the_same_route()
    {
        var response = await Anonymous().GetAsync("/api/v1/instance/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await JsonAsync(response))["biscuit_public_key"], Is.Not.Null);
    }

    [Test]
    public async Task Missing_authorization_header_is_refused()
        => await AssertProblemAsync(await Anonymous().GetAsync("/api/v1/organizations"), 401, "AuthNoAuthorizationHeader");

    [Test]
    public async Task Unknown_credential_is_refused()
        => await AssertProblemAsync(await As("not-a-token").GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");

    [Test]
    public async Task Unknown_uuid_credential_is_refused()
        => await AssertProblemAsync(await As(Guid.NewGuid().ToString()).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");

    [Test]
    public async Task Non_ascii_authorization_header_is_refused()
    {
        var client = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer t\u00e9st");

        await AssertProblemAsync(await client.SendAsync(request), 400, "AuthInvalidAuthorizationHeader");
    }

    [Test]
    public async Task Master_key_without_bearer_prefix_is_accepted()
    {
        var client = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/does-not-exist");
        request.Headers.TryAddWithoutValidation("Authorization", Hook0Factory.MasterKey);

        // Authenticated, the caller gets past the 401 and learns the route does not exist.
        await AssertProblemAsync(await client.SendAsync(request), 404, "NotFound");
    }
}
