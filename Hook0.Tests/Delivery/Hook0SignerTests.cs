using System.Text;
using Hook0.Modules.Delivery.Sending.Signing;

namespace Hook0.Tests.Delivery;

public sealed class Hook0SignerTests
{
    // The worker's own unit-test vectors (reference §5.4).
    private const string Secret = "secret";
    private const string V0 = "1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98";
    private const string V1 = "bc521546ba5de381b12f135782d2008b028c3065c191760b12b76850a8fc8f51";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1636936200);
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("hello !");

    private static readonly KeyValuePair<string, string>[] EventHeaders =
    [
        new("X-Event-Type", "service.resource.verb"),
        new("X-Event-Id", "1a01cb48-5142-4d9b-8f90-d20cca61f0ee"),
    ];

    [Test]
    public void V0_matches_the_reference_vector()
    {
        var result = Hook0Signer.Sign(Secret, SignedAt, EventHeaders, Payload, SignatureVersions.V0);

        Assert.That(result.HeaderValue, Is.EqualTo($"t=1636936200,v0={V0}"));
    }

    [Test]
    public void V1_matches_the_reference_vector_with_names_lower_cased_and_sorted()
    {
        var result = Hook0Signer.Sign(Secret, SignedAt, EventHeaders, Payload, SignatureVersions.V1);

        Assert.That(result.HeaderValue, Is.EqualTo($"t=1636936200,h=x-event-id x-event-type,v1={V1}"));
    }

    [Test]
    public void Both_versions_come_in_the_reference_order()
    {
        var result = Hook0Signer.Sign(Secret, SignedAt, EventHeaders, Payload, SignatureVersions.V0 | SignatureVersions.V1);

        Assert.That(result.HeaderValue, Is.EqualTo($"t=1636936200,v0={V0},h=x-event-id x-event-type,v1={V1}"));
    }

    [Test]
    public void A_guid_secret_is_keyed_as_its_lowercase_hyphenated_text()
    {
        var secret = Guid.Parse("8D1A4C1E-5B7F-4C0A-9E2D-3F6B1A2C4D5E");

        var fromGuid = Hook0Signer.Sign(secret, SignedAt, EventHeaders, Payload, SignatureVersions.V1);
        var fromText = Hook0Signer.Sign("8d1a4c1e-5b7f-4c0a-9e2d-3f6b1a2c4d5e", SignedAt, EventHeaders, Payload, SignatureVersions.V1);

        Assert.That(fromGuid.HeaderValue, Is.EqualTo(fromText.HeaderValue));
    }

    [TestCase("caf\u00e9")]
    [TestCase("line\nbreak")]
    [TestCase("nul\0")]
    [TestCase("del\u007f")]
    public void A_value_that_is_not_visible_ascii_cannot_be_signed(string value)
    {
        KeyValuePair<string, string>[] headers = [.. EventHeaders, new("X-Custom", value)];

        var result = Hook0Signer.Sign(Secret, SignedAt, headers, Payload, SignatureVersions.V1);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSigned, Is.False);
            Assert.That(result.InvalidHeaderName, Is.EqualTo("x-custom"));
            Assert.That(result.FailureMessage, Does.Contain("x-custom"));
        });
    }

    [Test]
    public void A_value_that_is_not_visible_ascii_fails_even_when_only_v0_is_enabled()
    {
        KeyValuePair<string, string>[] headers = [.. EventHeaders, new("X-Custom", "\u00e9")];

        var result = Hook0Signer.Sign(Secret, SignedAt, headers, Payload, SignatureVersions.V0);

        Assert.That(result.IsSigned, Is.False);
    }

    [Test]
    public void Tab_and_space_are_visible_enough()
    {
        KeyValuePair<string, string>[] headers = [.. EventHeaders, new("X-Custom", "a b\tc ~")];

        var result = Hook0Signer.Sign(Secret, SignedAt, headers, Payload, SignatureVersions.V1);

        Assert.That(result.IsSigned, Is.True);
    }

    [Test]
    public void The_same_name_twice_is_a_programming_error()
    {
        KeyValuePair<string, string>[] headers = [.. EventHeaders, new("x-event-id", "other")];

        Assert.Throws<ArgumentException>(() => Hook0Signer.Sign(Secret, SignedAt, headers, Payload, SignatureVersions.V1));
    }

    [Test]
    public void No_enabled_version_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Hook0Signer.Sign(Secret, SignedAt, EventHeaders, Payload, SignatureVersions.None));
    }
}
