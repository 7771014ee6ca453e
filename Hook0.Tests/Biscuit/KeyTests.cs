using Hook0.Biscuit.Crypto;

namespace Hook0.Tests.Biscuit;

/// <summary>Key text forms and signatures for both algorithms (specification §4.1).</summary>
[TestFixture]
public sealed class KeyTests
{
    [TestCase(Algorithm.Ed25519, "ed25519", 32)]
    [TestCase(Algorithm.Secp256r1, "secp256r1", 33)]
    public void Should_round_trip_keys_through_text_forms(Algorithm algorithm, string prefix, int publicKeyLength)
    {
        var pair = KeyPair.Generate(algorithm);
        Assert.That(pair.PublicKey.ToString(), Does.StartWith(prefix + "/"));
        Assert.That(pair.PrivateKey.ToText(), Does.StartWith(prefix + "-private/"));
        Assert.That(pair.PublicKey.Bytes.Length, Is.EqualTo(publicKeyLength));

        Assert.That(PublicKey.Parse(pair.PublicKey.ToString()), Is.EqualTo(pair.PublicKey));
        Assert.That(PrivateKey.Parse(pair.PrivateKey.ToText()).PublicKey, Is.EqualTo(pair.PublicKey));
        Assert.That(PublicKey.FromBytes(algorithm, pair.PublicKey.Bytes.Span), Is.EqualTo(pair.PublicKey));
    }

    [Test]
    public void Should_accept_bare_hex_as_ed25519()
    {
        var root = KeyPair.FromPrivateKey(SampleCatalog.RootPrivateKey);
        Assert.That(root.PublicKey.ToHex(), Is.EqualTo(SampleCatalog.RootPublicKey));
        Assert.That(PublicKey.Parse(SampleCatalog.RootPublicKey), Is.EqualTo(root.PublicKey));
    }

    [TestCase(Algorithm.Ed25519)]
    [TestCase(Algorithm.Secp256r1)]
    public void Should_sign_and_verify(Algorithm algorithm)
    {
        var pair = KeyPair.Generate(algorithm);
        var signature = pair.PrivateKey.Sign("payload"u8);
        Assert.That(pair.PublicKey.Verify("payload"u8, signature), Is.True);
        Assert.That(pair.PublicKey.Verify("payloaD"u8, signature), Is.False);
        Assert.That(KeyPair.Generate(algorithm).PublicKey.Verify("payload"u8, signature), Is.False);
        if (algorithm == Algorithm.Secp256r1)
        {
            Assert.That(signature[0], Is.EqualTo(0x30), "P-256 signatures are DER sequences");
        }
    }

    [Test]
    public void Should_decompress_both_point_parities()
    {
        var seen = new HashSet<byte>();
        for (var i = 0; i < 20 && seen.Count < 2; i++)
        {
            var pair = KeyPair.Generate(Algorithm.Secp256r1);
            seen.Add(pair.PublicKey.Bytes.Span[0]);
            var signature = pair.PrivateKey.Sign("x"u8);
            Assert.That(PublicKey.Parse(pair.PublicKey.ToString()).Verify("x"u8, signature), Is.True);
        }

        Assert.That(seen, Is.EquivalentTo(new byte[] { 2, 3 }));
    }
}
