using System.Text;
using System.Text.Json;
using Hook0.Receiver;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Receiver;

/// <summary>The package's verifier against the shared contract (conformance/signature.json) and upstream's worker vectors.</summary>
public sealed class ReceiverConformanceTests
{
    public static IEnumerable<TestCaseData> Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "signature.json")));
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var expected = vector.GetProperty("verdict").GetString() == "accepted" ? "accepted" : vector.GetProperty("refusal").GetString()!;
            var headers = vector.GetProperty("headers").EnumerateArray().Select(p => KeyValuePair.Create(p[0].GetString()!, p[1].GetString()!)).ToArray();
            yield return new TestCaseData(vector.GetProperty("secret").GetString(), vector.GetProperty("payload").GetString(), headers,
                    vector.GetProperty("signature").GetString(), vector.GetProperty("current_time").GetInt64(),
                    vector.GetProperty("tolerance_seconds").GetInt32(), expected)
                .SetName($"Receiver conformance: {vector.GetProperty("name").GetString()}");
        }
    }

    [TestCaseSource(nameof(Vectors))]
    public void Vector_gets_the_expected_verdict(string secret, string payload, KeyValuePair<string, string>[] headers, string signature,
        long currentTime, int toleranceSeconds, string expected)
    {
        var all = headers.Append(KeyValuePair.Create("X-Hook0-Signature", signature)).ToArray();
        var verification = Verifier(secret, currentTime, toleranceSeconds).Verify(Encoding.UTF8.GetBytes(payload), Lookup(all));

        Assert.Multiple(() =>
        {
            Assert.That(verification.Failure, Is.EqualTo(Expected(expected)), verification.Reason);
            Assert.That(verification.Scheme, Is.EqualTo(WebhookSchemes.Hook0));
        });
    }

    [Test]
    public void The_file_holds_the_twelve_vectors_it_promises() => Assert.That(Vectors().Count(), Is.EqualTo(12));

    [TestCase("t=1636936200,v0=1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98")]
    [TestCase("t=1636936200,h=x-event-id x-event-type,v1=bc521546ba5de381b12f135782d2008b028c3065c191760b12b76850a8fc8f51")]
    public void Upstream_worker_vectors_verify(string signature)
    {
        KeyValuePair<string, string>[] headers = [new("X-Event-Id", "1a01cb48-5142-4d9b-8f90-d20cca61f0ee"), new("X-Event-Type", "service.resource.verb"),
            new("X-Hook0-Signature", signature)];

        var verification = Verifier("secret", 1636936200, 300).Verify(Encoding.UTF8.GetBytes("hello !"), Lookup(headers));

        Assert.Multiple(() =>
        {
            Assert.That(verification.IsValid, Is.True, verification.Reason);
            Assert.That(verification.MessageId, Is.EqualTo("1a01cb48-5142-4d9b-8f90-d20cca61f0ee"), "x-event-id names the message");
            Assert.That(verification.Timestamp, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1636936200)));
        });
    }

    [Test]
    public void A_secret_given_as_whsec_verifies_the_hook0_header_too()
    {
        var verifier = new WebhookVerifier(Options(1636936200, 300, "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("secret"))));

        var verification = verifier.Verify(Encoding.UTF8.GetBytes("hello !"),
            Lookup([new("x-hook0-signature", "t=1636936200,v0=1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98")]));

        Assert.That(verification.IsValid, Is.True, verification.Reason);
    }

    [TestCase("", WebhookFailure.MissingSignature)]
    [TestCase("t=1636936200", WebhookFailure.Malformed)]
    [TestCase("v0=1b3d", WebhookFailure.TimestampInvalid)]
    [TestCase("t=soon,v0=1b3d", WebhookFailure.TimestampInvalid)]
    [TestCase("garbage", WebhookFailure.Malformed)]
    public void Unreadable_hook0_headers_are_refused_for_what_they_are(string signature, WebhookFailure expected)
    {
        KeyValuePair<string, string>[] headers = signature.Length == 0 ? [] : [new("x-hook0-signature", signature)];

        var verification = Verifier("secret", 1636936200, 300).Verify(Encoding.UTF8.GetBytes("hello !"), Lookup(headers));

        Assert.Multiple(() =>
        {
            Assert.That(verification.Failure, Is.EqualTo(expected));
            Assert.That(verification.Reason, Is.Not.Empty.And.Not.Contain("secret"));
        });
    }

    [Test]
    public void A_header_longer_than_any_sender_writes_is_refused_unread()
    {
        var signature = "t=1636936200,v0=" + new string('a', 10_000);

        var verification = Verifier("secret", 1636936200, 300).Verify([], Lookup([new("x-hook0-signature", signature)]));

        Assert.That(verification.Failure, Is.EqualTo(WebhookFailure.Malformed));
    }

    [Test]
    public void Options_without_any_key_or_with_a_bad_key_are_refused_at_construction()
    {
        var empty = new WebhookVerifierOptions();
        var badKey = new WebhookVerifierOptions { PublicKeys = { "whpk_" + Convert.ToBase64String(new byte[31]) } };
        var badSecret = new WebhookVerifierOptions { Secrets = { "whsec_not base64!" } };

        Assert.Multiple(() =>
        {
            Assert.That(() => new WebhookVerifier(empty), Throws.ArgumentException);
            Assert.That(() => new WebhookVerifier(badKey), Throws.ArgumentException);
            Assert.That(() => new WebhookVerifier(badSecret), Throws.ArgumentException);
        });
    }

    internal static Func<string, string?> Lookup(IEnumerable<KeyValuePair<string, string>> headers)
        => name => headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    private static WebhookVerifier Verifier(string secret, long now, int toleranceSeconds) => new(Options(now, toleranceSeconds, secret));

    private static WebhookVerifierOptions Options(long now, int toleranceSeconds, string secret)
    {
        var options = new WebhookVerifierOptions
        {
            Tolerance = TimeSpan.FromSeconds(toleranceSeconds),
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)),
        };
        options.Secrets.Add(secret);
        return options;
    }

    private static WebhookFailure Expected(string name) => name switch
    {
        "accepted" => WebhookFailure.None,
        "code_not_hexadecimal" => WebhookFailure.CodeNotDecodable,
        "header_not_delivered" => WebhookFailure.HeaderNotDelivered,
        "code_mismatch" => WebhookFailure.SignatureMismatch,
        "outside_tolerance" => WebhookFailure.OutsideTolerance,
        _ => throw new InvalidDataException($"Unknown verdict '{name}'."),
    };
}
