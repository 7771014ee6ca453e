using System.Text;
using Hook0.Modules.Delivery.Sending.Signing;

namespace Hook0.Tests.Delivery;

public sealed class SignatureVerifierTests
{
    private static readonly Guid Secret = Guid.Parse("3b0c7e0a-44d4-4bd6-9a51-0f0e7c2f5d11");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"event\":\"user.created\"}");

    private static readonly IReadOnlyList<KeyValuePair<string, string>> Sent = DeliveryHeaders.Compose(
        [new("X-Tenant", "acme")], "application/json", Guid.Parse("1a01cb48-5142-4d9b-8f90-d20cca61f0ee"), "user.created");

    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void What_the_signer_produces_the_verifier_accepts(bool v0, bool v1)
    {
        var header = Sign(Versions(v0, v1));

        Assert.That(Verify(header, Payload, Sent), Is.EqualTo(SignatureVerdict.Accepted));
    }

    [Test]
    public void A_changed_covered_header_is_a_mismatch()
    {
        var header = Sign(SignatureVersions.V1);
        var received = Sent.Select(h => h.Key == "x-tenant" ? KeyValuePair.Create(h.Key, "evil") : h).ToList();

        Assert.That(Verify(header, Payload, received), Is.EqualTo(SignatureVerdict.CodeMismatch));
    }

    [TestCase(true, false)]
    [TestCase(false, true)]
    public void A_changed_body_is_a_mismatch(bool v0, bool v1)
    {
        var header = Sign(Versions(v0, v1));

        Assert.That(Verify(header, Encoding.UTF8.GetBytes("{\"event\":\"user.deleted\"}"), Sent), Is.EqualTo(SignatureVerdict.CodeMismatch));
    }

    [Test]
    public void A_covered_header_that_was_stripped_is_not_delivered()
    {
        var header = Sign(SignatureVersions.V1);
        var received = Sent.Where(h => h.Key != "x-tenant").ToList();

        Assert.That(Verify(header, Payload, received), Is.EqualTo(SignatureVerdict.HeaderNotDelivered));
    }

    [Test]
    public void Received_header_names_are_matched_whatever_their_case()
    {
        var header = Sign(SignatureVersions.V1);
        var received = Sent.Select(h => KeyValuePair.Create(h.Key.ToUpperInvariant(), h.Value)).ToList();

        Assert.That(Verify(header, Payload, received), Is.EqualTo(SignatureVerdict.Accepted));
    }

    [TestCase("")]
    [TestCase("garbage")]
    [TestCase("t=1800000000")]
    [TestCase("t=1800000000,h=x-event-id")]
    public void A_header_without_a_code_is_malformed(string header)
    {
        Assert.That(Verify(header, Payload, Sent), Is.EqualTo(SignatureVerdict.Malformed));
    }

    [TestCase("v0=00")]
    [TestCase("t=soon,v0=00")]
    [TestCase("t=1.5,v0=00")]
    public void A_missing_or_non_integer_moment_is_refused(string header)
    {
        Assert.That(Verify(header, Payload, Sent), Is.EqualTo(SignatureVerdict.TimestampInvalid));
    }

    [Test]
    public void A_non_hexadecimal_v0_beside_a_valid_v1_is_still_refused()
    {
        var header = Sign(SignatureVersions.V1) + ",v0=zz";

        Assert.That(Verify(header, Payload, Sent), Is.EqualTo(SignatureVerdict.CodeNotHexadecimal));
    }

    [Test]
    public void Uppercase_hex_is_read_like_lowercase()
    {
        var header = Sign(SignatureVersions.V1);
        var code = header[(header.IndexOf("v1=", StringComparison.Ordinal) + 3)..];

        Assert.That(Verify(header.Replace(code, code.ToUpperInvariant(), StringComparison.Ordinal), Payload, Sent), Is.EqualTo(SignatureVerdict.Accepted));
    }

    private static SignatureVersions Versions(bool v0, bool v1) =>
        (v0 ? SignatureVersions.V0 : SignatureVersions.None) | (v1 ? SignatureVersions.V1 : SignatureVersions.None);

    private static string Sign(SignatureVersions versions)
    {
        var result = Hook0Signer.Sign(Secret, SignedAt, [.. Sent], Payload, versions);
        Assert.That(result.IsSigned, Is.True);
        return result.HeaderValue!;
    }

    private static SignatureVerdict Verify(string header, byte[] payload, IReadOnlyList<KeyValuePair<string, string>> received) =>
        SignatureVerifier.Verify(
            header,
            payload,
            name => received.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value,
            Secret.ToString("D"),
            SignedAt.AddSeconds(42),
            Tolerance);
}
