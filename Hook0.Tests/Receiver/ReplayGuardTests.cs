using System.Text;
using Hook0.Receiver;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;

namespace Hook0.Tests.Receiver;

/// <summary>The replay hook: a captured delivery sent again is refused, a retry signed at a new moment is not.</summary>
public sealed class ReplayGuardTests
{
    private const string Secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";

    private static Func<string, string?> Headers(string id, DateTimeOffset at, string payload)
    {
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = new StandardWebhook(Secret).Sign(id, at, payload),
        };
        return n => headers.GetValueOrDefault(n);
    }

    [Test]
    public async Task A_replay_is_refused_a_retry_passes_and_a_bad_signature_is_never_recorded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var guard = new RecordingGuard(new MemoryReplayGuard(TimeSpan.FromMinutes(5), time));
        var options = new WebhookVerifierOptions { TimeProvider = time, ReplayGuard = guard, Secrets = { Secret } };
        var verifier = new WebhookVerifier(options);
        var body = Encoding.UTF8.GetBytes("{}");
        var first = Headers("msg_1", time.GetUtcNow(), "{}");

        var accepted = await verifier.VerifyAsync(body, first);
        var replayed = await verifier.VerifyAsync(body, first);
        var forged = await verifier.VerifyAsync(Encoding.UTF8.GetBytes("{\"x\":1}"), first);
        time.Advance(TimeSpan.FromSeconds(30));
        var retried = await verifier.VerifyAsync(body, Headers("msg_1", time.GetUtcNow(), "{}"));

        Assert.Multiple(() =>
        {
            Assert.That(accepted.IsValid, Is.True, accepted.Reason);
            Assert.That(replayed.Failure, Is.EqualTo(WebhookFailure.Replayed));
            Assert.That(forged.Failure, Is.EqualTo(WebhookFailure.SignatureMismatch));
            Assert.That(retried.IsValid, Is.True, "a retry is signed again at a new moment");
            Assert.That(guard.Calls, Is.EqualTo(new[] { "msg_1", "msg_1", "msg_1" }), "asked only after a signature held");
            Assert.That(verifier.Verify(body, first).IsValid, Is.True, "Verify alone never consults the guard");
        });
    }

    private sealed class RecordingGuard(IWebhookReplayGuard inner) : IWebhookReplayGuard
    {
        public List<string> Calls { get; } = [];

        public Task<bool> TryRecordAsync(string messageId, DateTimeOffset timestamp, CancellationToken cancellationToken)
        {
            Calls.Add(messageId);
            return inner.TryRecordAsync(messageId, timestamp, cancellationToken);
        }
    }
}
