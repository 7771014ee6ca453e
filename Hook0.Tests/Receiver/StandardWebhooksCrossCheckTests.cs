using System.Text;
using Hook0.Receiver;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Hook0.Tests.Receiver;

/// <summary>
/// The package's Standard Webhooks check held against another implementation: the <c>StandardWebhooks</c> NuGet
/// package signs (v1) and verifies alongside ours; NSec, the library the server signs with, signs v1a.
/// </summary>
public sealed class StandardWebhooksCrossCheckTests
{
    private const string Payload = "{\"invoice\":{\"id\":\"in_1\",\"amount\":42,\"note\":\"caf\u00e9\"}}";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.UtcNow;

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()));

    private static HeaderDictionary Headers(string id, DateTimeOffset at, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    private static WebhookVerification Verify(HeaderDictionary headers, string payload, Action<WebhookVerifierOptions> configure, DateTimeOffset? now = null)
    {
        var options = new WebhookVerifierOptions { TimeProvider = new FakeTimeProvider(now ?? SignedAt) };
        configure(options);
        return new WebhookVerifier(options).Verify(Encoding.UTF8.GetBytes(payload), n => headers.TryGetValue(n, out var v) ? v.ToString() : null);
    }

    private static bool TheirVerdict(string secret, string payload, HeaderDictionary headers)
    {
        try
        {
            new StandardWebhook(secret).Verify(payload, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    [Test]
    public void What_the_package_signs_both_verify_and_a_tampered_copy_neither_does()
    {
        var secret = NewSecret();
        var headers = Headers("msg_1", SignedAt, new StandardWebhook(secret).Sign("msg_1", SignedAt, Payload));
        var tampered = Payload.Replace("42", "43", StringComparison.Ordinal);
        var otherId = Headers("msg_2", SignedAt, headers["webhook-signature"]!);

        Assert.Multiple(() =>
        {
            Assert.That(Verify(headers, Payload, o => o.Secrets.Add(secret)).IsValid, Is.True);
            Assert.That(TheirVerdict(secret, Payload, headers), Is.True);
            Assert.That(Verify(headers, tampered, o => o.Secrets.Add(secret)).Failure, Is.EqualTo(WebhookFailure.SignatureMismatch));
            Assert.That(TheirVerdict(secret, tampered, headers), Is.False);
            Assert.That(Verify(otherId, Payload, o => o.Secrets.Add(secret)).Failure, Is.EqualTo(WebhookFailure.SignatureMismatch), "the id is signed");
            Assert.That(TheirVerdict(secret, Payload, otherId), Is.False);
        });
    }

    [Test]
    public void A_wrong_secret_is_refused_by_both()
    {
        var headers = Headers("msg_1", SignedAt, new StandardWebhook(NewSecret()).Sign("msg_1", SignedAt, Payload));
        var mine = NewSecret();

        Assert.Multiple(() =>
        {
            Assert.That(Verify(headers, Payload, o => o.Secrets.Add(mine)).Failure, Is.EqualTo(WebhookFailure.SignatureMismatch));
            Assert.That(TheirVerdict(mine, Payload, headers), Is.False);
        });
    }

    [TestCase(-600, WebhookFailure.OutsideTolerance)]
    [TestCase(600, WebhookFailure.OutsideTolerance)]
    [TestCase(-301, WebhookFailure.OutsideTolerance)]
    [TestCase(301, WebhookFailure.OutsideTolerance)]
    [TestCase(-300, WebhookFailure.None)]
    public void The_moment_is_held_to_five_minutes_either_side_like_the_package(int offsetSeconds, WebhookFailure expected)
    {
        var secret = NewSecret();
        var at = SignedAt.AddSeconds(offsetSeconds);
        var headers = Headers("msg_1", at, new StandardWebhook(secret).Sign("msg_1", at, Payload));

        var verification = Verify(headers, Payload, o => o.Secrets.Add(secret));

        Assert.That(verification.Failure, Is.EqualTo(expected), verification.Reason);
        // The package reads the real clock, so it is compared only well away from the edge.
        if (Math.Abs(offsetSeconds) > 310)
        {
            Assert.That(TheirVerdict(secret, Payload, headers), Is.False);
        }
    }

    [Test]
    public void During_a_rotation_either_secret_verifies_a_header_carrying_both()
    {
        var (previous, next) = (NewSecret(), NewSecret());
        var signature = new StandardWebhook(next).Sign("msg_1", SignedAt, Payload) + " " + new StandardWebhook(previous).Sign("msg_1", SignedAt, Payload);
        var headers = Headers("msg_1", SignedAt, signature);

        Assert.Multiple(() =>
        {
            Assert.That(Verify(headers, Payload, o => o.Secrets.Add(previous)).IsValid, Is.True, "a receiver not yet updated");
            Assert.That(Verify(headers, Payload, o => o.Secrets.Add(next)).IsValid, Is.True, "a receiver already updated");
            Assert.That(Verify(Headers("msg_1", SignedAt, new StandardWebhook(next).Sign("msg_1", SignedAt, Payload)), Payload,
                o => { o.Secrets.Add(previous); o.Secrets.Add(next); }).IsValid, Is.True, "a receiver holding both during the overlap");
            Assert.That(TheirVerdict(next, Payload, headers), Is.True, "the package agrees on the first entry");
            // StandardWebhooks 1.1.2 re-reads the whole header as the last entry, so it never matches a second
            // entry: a receiver on that package misses the old secret during an overlap; ours does not.
            Assert.That(TheirVerdict(previous, Payload, headers), Is.False, "the package's known limit (see ADR 0025)");
        });
    }

    [Test]
    public void An_ed25519_v1a_signature_verifies_with_the_public_key_alone_and_not_with_another()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var at = SignedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes($"msg_1.{at}.{Payload}"));
        var headers = Headers("msg_1", SignedAt, "v1a," + Convert.ToBase64String(signature));
        string Whpk(Key k) => "whpk_" + Convert.ToBase64String(k.PublicKey.Export(KeyBlobFormat.RawPublicKey));

        Assert.Multiple(() =>
        {
            Assert.That(Verify(headers, Payload, o => o.PublicKeys.Add(Whpk(key))).IsValid, Is.True);
            Assert.That(Verify(headers, Payload, o => o.PublicKeys.Add(Whpk(other))).Failure, Is.EqualTo(WebhookFailure.SignatureMismatch));
            Assert.That(Verify(headers, Payload + " ", o => o.PublicKeys.Add(Whpk(key))).Failure, Is.EqualTo(WebhookFailure.SignatureMismatch));
            Assert.That(Verify(headers, Payload, o => o.Secrets.Add(NewSecret())).Failure, Is.EqualTo(WebhookFailure.SignatureMismatch),
                "an HMAC-only receiver holds no key for a v1a-only header");
            Assert.That(TheirVerdict(NewSecret(), Payload, headers), Is.False, "the package knows v1 only");
        });
    }

    [TestCase("v1,not-base64!", WebhookFailure.CodeNotDecodable)]
    [TestCase("v2,AAAA", WebhookFailure.SignatureMismatch)]
    [TestCase("novalue", WebhookFailure.SignatureMismatch)]
    public void Undecodable_or_unknown_entries_are_refused(string signature, WebhookFailure expected)
    {
        var verification = Verify(Headers("msg_1", SignedAt, signature), Payload, o => o.Secrets.Add(NewSecret()));

        Assert.That(verification.Failure, Is.EqualTo(expected), verification.Reason);
    }

    [Test]
    public void Missing_id_or_timestamp_is_refused_before_any_hashing()
    {
        var secret = NewSecret();
        var signature = new StandardWebhook(secret).Sign("msg_1", SignedAt, Payload);
        var noId = Headers("msg_1", SignedAt, signature);
        noId.Remove("webhook-id");
        var badTime = Headers("msg_1", SignedAt, signature);
        badTime["webhook-timestamp"] = "-5";

        Assert.Multiple(() =>
        {
            Assert.That(Verify(noId, Payload, o => o.Secrets.Add(secret)).Failure, Is.EqualTo(WebhookFailure.Malformed));
            Assert.That(Verify(badTime, Payload, o => o.Secrets.Add(secret)).Failure, Is.EqualTo(WebhookFailure.TimestampInvalid));
        });
    }
}
