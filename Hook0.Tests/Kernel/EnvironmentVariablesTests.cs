using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

/// <summary><c>GET /environment_variables</c>: metadata of every setting, secrets flagged, no value echoed.</summary>
public sealed class EnvironmentVariablesTests : ApiTest
{
    [Test]
    public async Task Lists_every_setting_in_the_upstream_shape()
    {
        var response = await Anonymous().GetAsync("/api/v1/environment_variables");
        var body = (await JsonAsync(response)).AsArray();
        var byVar = body.ToDictionary(v => v!["env_var"]!.GetValue<string>(), v => v!);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(body.Select(v => v!.AsObject().Select(p => p.Key).Order()),
                Has.All.EqualTo(new[] { "default", "description", "env_var", "group", "name", "required", "sensitive" }));
            Assert.That(body.Select(v => v!["description"]!.GetValue<string>()), Has.None.Empty);
            Assert.That(byVar.Keys, Is.SupersetOf(new[]
            {
                "DATABASE_URL", "IP", "PORT", "MASTER_API_KEY", "BISCUIT_PRIVATE_KEY", "CORS_ALLOWED_ORIGINS",
                "ENABLE_SECURITY_HEADERS", "MATERIALIZED_VIEWS_REFRESH_PERIOD_IN_S", "MAX_RETRIES", "QUOTA_GLOBAL_EVENTS_PER_DAY_LIMIT",
            }));
            Assert.That(byVar["IP"]["default"]!.GetValue<string>(), Is.EqualTo("127.0.0.1"));
            Assert.That(byVar["ENABLE_SECURITY_HEADERS"]["default"]!.GetValue<string>(), Is.EqualTo("true"));
            Assert.That(byVar["DATABASE_URL"]["name"]!.GetValue<string>(), Is.EqualTo("database_url"));
        });
    }

    [TestCase("DATABASE_URL")]
    [TestCase("MASTER_API_KEY")]
    [TestCase("BISCUIT_PRIVATE_KEY")]
    [TestCase("HEALTH_CHECK_KEY")]
    public async Task Secrets_are_flagged_without_a_default(string envVar)
    {
        var body = (await JsonAsync(await Anonymous().GetAsync("/api/v1/environment_variables"))).AsArray();
        var setting = body.Single(v => v!["env_var"]!.GetValue<string>() == envVar)!;

        Assert.Multiple(() =>
        {
            Assert.That(setting["sensitive"]!.GetValue<bool>(), Is.True);
            Assert.That(setting["default"], Is.Null);
        });
    }

    [Test]
    public async Task Configured_values_are_never_echoed()
    {
        var text = await (await Anonymous().GetAsync("/api/v1/environment_variables")).Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(Hook0Factory.MasterKey));
            Assert.That(text, Does.Not.Contain(Database.ConnectionString));
            Assert.That(text, Does.Not.Contain(Environment.MachineName));
        });
    }
}
