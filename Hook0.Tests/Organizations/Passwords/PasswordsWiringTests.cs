using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Organizations.Passwords;

/// <summary>The host registers the hasher and a policy reading PASSWORD_MINIMUM_LENGTH.</summary>
public sealed class PasswordsWiringTests
{
    [Test]
    public async Task The_policy_of_the_host_reads_the_minimum_length_setting()
    {
        await using var host = new Hook0Factory(ApiFixture.Database, new Dictionary<string, string?>
        {
            ["NO_AUTO_DB_MIGRATION"] = "true", ["PASSWORD_MINIMUM_LENGTH"] = "20",
        });
        var policy = host.Services.GetRequiredService<PasswordPolicy>();
        var owner = new PasswordOwner("a@example.com", "", "");

        Assert.Multiple(() =>
        {
            Assert.That(policy.Check("violet-kettle-harbour", owner), Is.Null);
            Assert.That(policy.Check("violet-kettle-harb", owner)?.Detail, Does.Contain("20"));
            Assert.That(host.Services.GetRequiredService<PasswordHasher>(), Is.SameAs(host.Services.GetRequiredService<PasswordHasher>()));
        });
    }

    [Test]
    public void A_minimum_above_the_maximum_stops_the_server_at_start_up()
        => Assert.That(SettingsValidator.Validate(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["PASSWORD_MINIMUM_LENGTH"] = "101" }).Build()),
            Has.One.StartsWith("PASSWORD_MINIMUM_LENGTH:"));
}
