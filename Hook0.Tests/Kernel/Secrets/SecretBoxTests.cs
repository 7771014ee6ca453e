using System.Security.Cryptography;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hook0.Tests.Kernel.Secrets;

/// <summary>The sealing primitive shared by the modules: versioned ciphertext, key rotation, keyed lookup hash.</summary>
public sealed class SecretBoxTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private static SecretBox Box(string? key, string? previous = null)
        => new(Options.Create(new SecretsOptions { EncryptionKey = key, PreviousEncryptionKeys = previous }), NullLogger<SecretBox>.Instance);

    [Test]
    public void A_sealed_value_opens_to_itself_and_names_its_key()
    {
        var box = Box(KeyA);

        var sealedValue = box.Seal("8f1b1d4e-6a0c-4c39-9a39-0123456789ab", "p");

        Assert.Multiple(() =>
        {
            Assert.That(sealedValue, Does.StartWith(box.CurrentPrefix));
            Assert.That(box.CurrentPrefix, Does.Match("^v1:[0-9a-f]{16}:$"));
            Assert.That(sealedValue, Does.Not.Contain("8f1b1d4e"));
            Assert.That(box.Open(sealedValue, "p"), Is.EqualTo("8f1b1d4e-6a0c-4c39-9a39-0123456789ab"));
            Assert.That(box.Seal("x", "p"), Is.Not.EqualTo(box.Seal("x", "p")), "a fresh nonce every time");
        });
    }

    [Test]
    public void After_a_rotation_the_previous_key_still_opens_and_the_new_key_seals()
    {
        var old = Box(KeyA).Seal("secret", "p");
        var rotated = Box(KeyB, previous: KeyA);

        Assert.Multiple(() =>
        {
            Assert.That(rotated.Open(old, "p"), Is.EqualTo("secret"));
            Assert.That(rotated.Seal("secret", "p"), Does.StartWith(rotated.CurrentPrefix));
            Assert.That(rotated.CurrentPrefix, Is.Not.EqualTo(Box(KeyA).CurrentPrefix));
            Assert.Throws<CryptographicException>(() => Box(KeyB).Open(old, "p"), "a retired key no longer configured opens nothing");
        });
    }

    [Test]
    public void A_value_does_not_open_for_another_purpose_or_once_tampered_with()
    {
        var box = Box(KeyA);
        var sealedValue = box.Seal("secret", "iam.application_secret.token");
        var tampered = sealedValue[..^4] + (sealedValue[^4] == 'A' ? "B" : "A") + sealedValue[^3..];

        Assert.Multiple(() =>
        {
            Assert.Throws<AuthenticationTagMismatchException>(() => box.Open(sealedValue, "iam.token.biscuit"));
            Assert.That(() => box.Open(tampered, "iam.application_secret.token"), Throws.InstanceOf<CryptographicException>());
            Assert.Throws<CryptographicException>(() => box.Open("8f1b1d4e-6a0c-4c39-9a39-0123456789ab", "p"));
        });
    }

    [Test]
    public void The_lookup_hash_is_keyed_stable_and_per_purpose()
    {
        var box = Box(KeyA);

        Assert.Multiple(() =>
        {
            Assert.That(box.LookupHash("s", "p"), Has.Length.EqualTo(32));
            Assert.That(box.LookupHash("s", "p"), Is.EqualTo(Box(KeyA).LookupHash("s", "p")));
            Assert.That(box.LookupHash("s", "p"), Is.Not.EqualTo(Box(KeyB).LookupHash("s", "p")), "keyed: the database alone cannot test guesses");
            Assert.That(box.LookupHash("s", "p"), Is.Not.EqualTo(box.LookupHash("s", "q")));
            Assert.That(box.LookupHash("s", "p"), Is.Not.EqualTo(SHA256.HashData("s"u8.ToArray())));
        });
    }

    [Test]
    public void A_production_server_requires_the_key_and_others_do_not()
    {
        var none = new ConfigurationBuilder().Build();
        var set = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SECRETS_ENCRYPTION_KEY"] = KeyA }).Build();

        Assert.Multiple(() =>
        {
            Assert.That(SecretsOptions.MissingInProduction(none, isProduction: true), Does.StartWith("SECRETS_ENCRYPTION_KEY: required in production"));
            Assert.That(SecretsOptions.MissingInProduction(set, isProduction: true), Is.Null);
            Assert.That(SecretsOptions.MissingInProduction(none, isProduction: false), Is.Null);
        });
    }
}
