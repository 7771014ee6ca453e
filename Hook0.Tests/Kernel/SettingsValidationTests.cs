using Hook0.Modules.Kernel.Settings;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Hook0.Tests.Kernel;

/// <summary>A bad setting stops the server at start-up with a line naming it, not a stack trace.</summary>
public sealed class SettingsValidationTests
{
    private static IReadOnlyList<string> Validate(Dictionary<string, string?> values)
        => SettingsValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Test]
    public void Valid_and_absent_settings_pass()
        => Assert.That(Validate(new() { ["PORT"] = "8080", ["RETRY_JITTER_RATIO"] = "0.5", ["ENABLE_HSTS_HEADER"] = "true", ["APP_URL"] = "https://hooks.example" }), Is.Empty);

    [Test]
    public void Each_bad_value_is_reported_under_its_variable()
    {
        var problems = Validate(new()
        {
            ["PORT"] = "70000", ["CONCURRENT"] = "lots", ["ENABLE_HSTS_HEADER"] = "maybe", ["RETRY_JITTER_RATIO"] = "2", ["APP_URL"] = "not a url",
        });

        Assert.That(problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]),
            Is.EquivalentTo(new[] { "PORT", "CONCURRENT", "ENABLE_HSTS_HEADER", "RETRY_JITTER_RATIO", "APP_URL" }), string.Join('\n', problems));
        Assert.That(problems, Has.Some.EqualTo("CONCURRENT: 'lots' is not a valid whole number"));
    }

    [Test]
    public void Reverse_proxies_must_be_addresses_or_cidr_ranges()
    {
        Assert.That(Validate(new() { ["REVERSE_PROXY_IPS"] = "10.0.0.0/8, 192.168.1.5" }), Is.Empty);
        Assert.That(Validate(new() { ["REVERSE_PROXY_IPS"] = "10.0.0.0/8,not-an-ip" }), Has.One.StartsWith("REVERSE_PROXY_IPS:"));
    }

    [Test]
    public void A_sensitive_value_is_never_repeated()
    {
        var problems = Validate(new() { ["HEALTH_CHECK_TIMEOUT_MS"] = "0", ["DATABASE_URL"] = "postgres://u:hunter2@db/hook0" });

        Assert.That(string.Join('\n', problems), Does.Not.Contain("hunter2"));
    }

    [Test]
    public async Task Server_with_a_bad_setting_exits_naming_it_without_a_stack_trace()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?> { ["CONCURRENT"] = "lots", ["MAX_RETRIES"] = "-1" });
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromMinutes(1));
        var output = string.Join('\n', server.Output);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain("CONCURRENT: 'lots' is not a valid whole number"));
            Assert.That(output, Does.Contain("MAX_RETRIES:"));
            Assert.That(output, Does.Not.Contain("   at "));
        });
    }
}
