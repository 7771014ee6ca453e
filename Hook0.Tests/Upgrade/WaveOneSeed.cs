using System.Text;
using System.Text.Json.Nodes;
using static Hook0.Tests.Upgrade.WaveOneDatabase;

namespace Hook0.Tests.Upgrade;

/// <summary>What a wave-one attempt must become: its place (queue or history), outcome, reason, and the API's view of it.</summary>
internal sealed record ExpectedAttempt(
    string Name,
    Guid Id,
    Guid EventId,
    Guid SubscriptionId,
    short RetryCount,
    DateTime CreatedAt,
    DateTime? PickedAt,
    DateTime? LeaseUntil,
    DateTime? DelayUntil,
    DateTime? SucceededAt,
    DateTime? FailedAt,
    string? GiveUpReason,
    DateTime? RetriedAt,
    WaveOneResponse? Response,
    bool EventKept,
    DateTime EventReceivedAt,
    string? Outcome,
    string? Reason,
    string ApiStatus)
{
    public bool Queued => Outcome is null;

    /// <summary>Dead letters, as wave one listed them: given up for a dead reason and not yet retried by hand.</summary>
    public bool DeadLetter => GiveUpReason is "exhausted" or "invalid_header" or "gone_410" && RetriedAt is null;
}

internal sealed record WaveOneResponse(Guid Id, short? HttpCode, string? ErrorName, string? Body, int? ElapsedMs, bool Truncated);

/// <summary>
/// One application with attempts in every state wave one could leave them in, written by SQL in wave one's layout,
/// each with what the second design must make of it (the statuses as wave one's API computed them).
/// </summary>
internal sealed class WaveOneSeed
{
    public const string EventType = "billing.invoice.paid";

    private const string EmptyObject = "'{}'";
    private const string EmptyArray = "'{}'";
    private const string ProdLabels = "'{\"env\":\"prod\"}'";
    private const string ContentTypeHeaders = "'{\"content-type\":\"text/plain\"}'";

    private readonly StringBuilder _sql = new();
    private readonly List<ExpectedAttempt> _attempts = [];

    /// <param name="now">The seed's "now", to the millisecond (PostgreSQL keeps microseconds, .NET ticks).</param>
    /// <param name="target">Where the subscriptions deliver (a loopback receiver when a test runs workers).</param>
    public WaveOneSeed(DateTime now, string target = "https://example.com/hook")
    {
        Now = now;
        Target = target;
        Add($"""
            INSERT INTO iam.organization (organization_id, name, created_at) VALUES ('{OrganizationId}', 'Upgraded', {At(now.AddDays(-3))});
            INSERT INTO iam.application (application_id, organization_id, name, created_at) VALUES ('{ApplicationId}', '{OrganizationId}', 'Billing', {At(now.AddDays(-3))});
            INSERT INTO event.event_type (application_id, event_type_name, service, resource_type, verb, created_at)
            VALUES ('{ApplicationId}', '{EventType}', 'billing', 'invoice', 'paid', {At(now.AddDays(-3))});
            """);
        Subscription(Live, enabled: true);
        Subscription(Limited, enabled: true, maxConcurrency: 2);
        Subscription(Paused, enabled: true, paused: true);
        Subscription(Disabled, enabled: false);
        Subscription(Deleted, enabled: false, deleted: true);

        Attempt("pending", Live, Now.AddSeconds(-60), "pending");
        var failed = Attempt("failed then retried", Live, Now.AddSeconds(-120), "failed", picked: Now.AddSeconds(-119), failed: Now.AddSeconds(-118),
            response: new(Guid.NewGuid(), 500, null, "boom", 40, false), outcome: "retried");
        Attempt("delayed retry", Live, Now.AddSeconds(-118), "waiting", eventId: failed.EventId, retry: 1, delay: Now.AddHours(1));
        Attempt("in flight under lease", Limited, Now.AddSeconds(-30), "inprogress", picked: Now.AddSeconds(-5), lease: Now.AddMinutes(10));
        // Wave one showed "inprogress" for ever after its worker died; the second design shows a queue row whose lease
        // ended as pending again (ADR 0016, a deliberate change): the API check expects the second design's answer.
        Attempt("lease expired (its worker died)", Live, Now.AddSeconds(-300), "pending", picked: Now.AddSeconds(-290), lease: Now.AddSeconds(-230));
        Attempt("succeeded", Live, Now.AddSeconds(-200), "successful", picked: Now.AddSeconds(-199.5), succeeded: Now.AddSeconds(-199),
            response: new(Guid.NewGuid(), 200, null, "ok", 12, false), outcome: "succeeded");
        Attempt("given up: exhausted", Live, Now.AddSeconds(-100), "failed", retry: 3, picked: Now.AddSeconds(-99.5), failed: Now.AddSeconds(-99),
            reason: "exhausted", response: new(Guid.NewGuid(), 503, null, "later", 25, false), outcome: "given_up", newReason: "exhausted");
        Attempt("given up: 410", Live, Now.AddSeconds(-90), "failed", picked: Now.AddSeconds(-89.5), failed: Now.AddSeconds(-89),
            reason: "gone_410", response: new(Guid.NewGuid(), 410, null, "gone", 8, false), outcome: "given_up", newReason: "gone_410");
        Attempt("given up: invalid header", Live, Now.AddSeconds(-80), "failed", failed: Now.AddSeconds(-79),
            reason: "invalid_header", response: new(Guid.NewGuid(), null, "E_INVALID_HEADER", null, null, false), outcome: "given_up", newReason: "invalid_header");
        Attempt("cancelled: subscription disabled", Disabled, Now.AddSeconds(-70), "failed", failed: Now.AddSeconds(-69),
            reason: "subscription_disabled", outcome: "cancelled", newReason: "subscription_disabled");
        Attempt("cancelled without reason: subscription deleted", Deleted, Now.AddSeconds(-65), "failed", failed: Now.AddSeconds(-64),
            outcome: "cancelled", newReason: "subscription_gone");
        Attempt("cancelled without reason: application deleted", Live, Now.AddSeconds(-62), "failed", failed: Now.AddSeconds(-61),
            outcome: "cancelled", newReason: "application_deleted");
        var dead = Attempt("dead letter retried by hand", Live, Now.AddSeconds(-400), "failed", retry: 2, picked: Now.AddSeconds(-399.5), failed: Now.AddSeconds(-399),
            reason: "exhausted", retried: Now.AddSeconds(-50), response: new(Guid.NewGuid(), 500, null, new string('x', 300), 31, true),
            outcome: "given_up", newReason: "exhausted");
        Attempt("the hand retry, succeeded", Live, Now.AddSeconds(-50), "successful", eventId: dead.EventId, picked: Now.AddSeconds(-49.5), succeeded: Now.AddSeconds(-49),
            response: new(Guid.NewGuid(), 204, null, "", 5, false), outcome: "succeeded");
        Attempt("pending on a paused subscription", Paused, Now.AddSeconds(-40), "pending");
        Attempt("pending, its event purged", Live, Now.AddSeconds(-20), "pending", eventKept: false);
    }

    public DateTime Now { get; }

    public string Target { get; }

    public Guid OrganizationId { get; } = Guid.NewGuid();

    public Guid ApplicationId { get; } = Guid.NewGuid();

    public Guid Live { get; } = Guid.NewGuid();

    public Guid Limited { get; } = Guid.NewGuid();

    public Guid Paused { get; } = Guid.NewGuid();

    public Guid Disabled { get; } = Guid.NewGuid();

    public Guid Deleted { get; } = Guid.NewGuid();

    public IReadOnlyList<ExpectedAttempt> Attempts => _attempts;

    public string Sql => _sql.ToString();

    private void Add(string sql) => _sql.AppendLine(sql);

    private void Subscription(Guid id, bool enabled, int? maxConcurrency = null, bool paused = false, bool deleted = false)
        => Add($"""
            INSERT INTO webhook.subscription (subscription_id, application_id, is_enabled, description, secret, metadata, labels, target_method, target_url,
                target_headers, dedicated_workers, created_at, updated_at, deleted_at, is_paused, max_concurrency)
            VALUES ('{id}', '{ApplicationId}', {enabled}, 'wave one', gen_random_uuid(), {EmptyObject}, {ProdLabels}, 'POST', {Text(Target)},
                {EmptyObject}, {EmptyArray}, {At(Now.AddDays(-2))}, {At(Now.AddDays(-2))}, {At(deleted ? Now.AddDays(-1) : null)}, {paused},
                {(maxConcurrency is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL")});
            INSERT INTO webhook.subscription__event_type (subscription_id, event_type_name) VALUES ('{id}', '{EventType}');
            """);

    private ExpectedAttempt Attempt(string name, Guid subscription, DateTime created, string apiStatus, Guid? eventId = null, short retry = 0,
        DateTime? picked = null, DateTime? lease = null, DateTime? delay = null, DateTime? succeeded = null, DateTime? failed = null,
        string? reason = null, DateTime? retried = null, WaveOneResponse? response = null, bool eventKept = true, string? outcome = null, string? newReason = null)
    {
        // An event purged by retention leaves its attempts the attempt's creation time as reception time.
        var receivedAt = eventId is { } shared ? _attempts.First(a => a.EventId == shared).EventReceivedAt : eventKept ? created.AddSeconds(-1) : created;
        var attempt = new ExpectedAttempt(name, Guid.CreateVersion7(created), eventId ?? Guid.NewGuid(), subscription, retry, created, picked, lease, delay,
            succeeded, failed, reason, retried, response, eventKept, receivedAt, outcome, newReason, apiStatus);
        if (eventKept && eventId is null)
        {
            Add($"""
                INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, dispatched_at, labels)
                VALUES ('{attempt.EventId}', '{ApplicationId}', '{EventType}', convert_to({Text(new JsonObject { ["n"] = name }.ToJsonString())}, 'UTF8'), 'application/json',
                    {At(receivedAt.AddSeconds(-1))}, {At(receivedAt)}, {At(created)}, {ProdLabels});
                """);
        }

        if (response is { } r)
        {
            Add($"""
                INSERT INTO webhook.response (response_id, response_error_name, http_code, headers, body, body_truncated, elapsed_time_ms)
                VALUES ('{r.Id}', {Text(r.ErrorName)}, {(r.HttpCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL")},
                    {ContentTypeHeaders}, {(r.Body is null ? "NULL" : $"convert_to({Text(r.Body)}, 'UTF8')")}, {r.Truncated},
                    {(r.ElapsedMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL")});
                """);
        }

        Add($"""
            INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, picked_at,
                worker_name, worker_version, failed_at, succeeded_at, delay_until, response_id, retry_count, lease_until, give_up_reason, retried_at)
            VALUES ('{attempt.Id}', '{attempt.EventId}', '{subscription}', '{ApplicationId}', '{EventType}', {At(created)}, {At(picked)},
                {(picked is null ? "NULL" : "'wave-one-1'")}, {(picked is null ? "NULL" : "'1.0.0'")}, {At(failed)}, {At(succeeded)}, {At(delay)},
                {(response is null ? "NULL" : $"'{response.Id}'")}, {retry}, {At(lease)}, {Text(reason)}, {At(retried)});
            """);
        _attempts.Add(attempt);
        return attempt;
    }
}
