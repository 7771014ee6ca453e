using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel;

/// <summary>
/// The host's Data Protection key ring (session cookie, antiforgery) lives in <c>infrastructure.data_protection_key</c>,
/// sealed at rest, and every instance on the database shares it (issue #23, item 8).
/// </summary>
[NonParallelizable]
public sealed class HostKeyRingTests : ApiTest
{
    private const string Purpose = "Hook0.Tests.HostKeyRing";

    [Test]
    public async Task What_one_instance_protects_another_opens_and_the_ring_is_sealed_in_the_database()
    {
        var protectedByFirst = ApiFixture.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("hello");
        await using var second = new Hook0Factory(Database);

        var opened = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedByFirst);

        var rows = await Database.ScalarAsync<long>("SELECT count(*) FROM infrastructure.data_protection_key");
        var sealedRows = await Database.ScalarAsync<long>("SELECT count(*) FROM infrastructure.data_protection_key WHERE xml LIKE '%<encryptedSecret %<sealedByHook0%>v1:%'");
        var plaintext = await Database.ScalarAsync<long>("SELECT count(*) FROM infrastructure.data_protection_key WHERE xml LIKE '%masterKey%' OR xml LIKE '%<value>%'");
        var sample = await Database.ScalarAsync<string>("SELECT left(xml, 600) FROM infrastructure.data_protection_key LIMIT 1");
        Assert.Multiple(() =>
        {
            Assert.That(opened, Is.EqualTo("hello"), "the second instance read the first's key from the database");
            Assert.That(rows, Is.GreaterThanOrEqualTo(1));
            Assert.That(sealedRows, Is.EqualTo(rows), $"every key is sealed by SECRETS_ENCRYPTION_KEY: {sample}");
            Assert.That(plaintext, Is.Zero, "no key material in clear");
        });
    }

    [Test]
    public async Task The_host_ring_is_not_the_subscription_secrets_ring()
    {
        _ = ApiFixture.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("x");
        var shared = await Database.ScalarAsync<long>("""
            SELECT count(*) FROM infrastructure.data_protection_key h JOIN webhook.data_protection_key w ON w.friendly_name = h.friendly_name
            """);
        Assert.That(shared, Is.Zero, "the host's keys are its own");
    }
}
