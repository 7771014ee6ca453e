using System.Net;
using System.Text;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// The attempt reads over the second design's tables (ADR 0016): the list as the union of the queue and the history
/// with each status coming from its half, pages whose boundary falls between the halves, the detail and the response
/// found in either place, and one application never reaching another's rows. Rows are seeded as the delivery core
/// leaves them (<see cref="AttemptSeed"/>).
/// </summary>
[NonParallelizable]
public sealed class AttemptReadsTests : ApiTest
{
    private static readonly DateTime Base = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private Tenant _acme = null!;
    private Guid _accounting;
    private Guid _crm;
    private AttemptSeed _seed = null!;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        var scenario = new Scenario(Master());
        _acme = await scenario.TenantAsync();
        _accounting = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        _crm = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        _seed = new AttemptSeed(Database.ConnectionString, _acme.ApplicationId);
    }

    private static string At(int minutes) => AttemptSeed.At(Base.AddMinutes(minutes));

    private static async Task<T> SendAsync<T>(IQuery<T> query)
    {
        using var scope = ApiFixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private ListRequestAttemptsQuery Query(Guid? subscription = null, string[]? types = null, DateTime? min = null, DateTime? max = null,
        string? cursor = null, string[]? statuses = null, Guid? eventId = null)
        => new(Caller.MasterKey, _acme.ApplicationId, eventId, subscription, min, max, types ?? [], cursor, statuses);

    private static async Task<Guid[]> IdsAsync(ListRequestAttemptsQuery query) => [.. (await SendAsync(query)).Items.Select(a => a.RequestAttemptId)];

    [Test]
    public async Task Each_status_comes_from_its_half_and_the_filter_agrees_with_the_status_shown()
    {
        var t = _acme.EventType;
        var pending = await _seed.QueuedAsync(_accounting, t, At(0));
        var dueAgain = await _seed.QueuedAsync(_accounting, t, At(1), due: "now() - interval '1 minute'", attemptNumber: 1);
        var waiting = await _seed.QueuedAsync(_accounting, t, At(2), due: "now() + interval '1 hour'", attemptNumber: 1);
        var inFlight = await _seed.QueuedAsync(_accounting, t, At(3), leaseUntil: "now() + interval '30 seconds'", pickedAt: At(3));
        var leaseOver = await _seed.QueuedAsync(_accounting, t, At(4), leaseUntil: "now() - interval '1 minute'", pickedAt: At(4));
        var parked = await _seed.QueuedAsync(_accounting, t, At(5), due: "'infinity'", attemptNumber: 1, metered: true);
        var succeeded = await _seed.FinishedAsync(_accounting, t, At(6), At(7), "succeeded");
        var retried = await _seed.FinishedAsync(_accounting, t, At(7), At(8), "retried", httpCode: 503);
        var exhausted = await _seed.FinishedAsync(_accounting, t, At(8), At(9), "given_up", "exhausted", attemptNumber: 2, delayUntil: At(8));
        var cancelled = await _seed.FinishedAsync(_accounting, t, At(9), At(10), "cancelled", "subscription_disabled", response: "none");

        Task<Guid[]> Ids(params string[] statuses) => IdsAsync(Query(statuses: statuses));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Ids("pending"), Is.EqualTo(new[] { parked, leaseOver, dueAgain, pending }),
                "a first try, a retry already due, a lease that ran out, a parked attempt");
            Assert.That(await Ids("waiting"), Is.EqualTo(new[] { waiting }));
            Assert.That(await Ids("inprogress"), Is.EqualTo(new[] { inFlight }));
            Assert.That(await Ids("successful"), Is.EqualTo(new[] { succeeded }));
            Assert.That(await Ids("failed"), Is.EqualTo(new[] { cancelled, exhausted, retried }));
            Assert.That(await Ids("failed", "waiting"), Is.EqualTo(new[] { cancelled, exhausted, retried, waiting }), "several statuses: any of them");
            Assert.That(await Ids("successful", "inprogress"), Is.EqualTo(new[] { succeeded, inFlight }), "one status from each half");
            Assert.That(await Ids("pending", "waiting", "inprogress"), Has.Length.EqualTo(6), "the whole queue, no history");
            Assert.That(await Ids("successful", "failed"), Has.Length.EqualTo(4), "the whole history, no queue");
            Assert.That(await Ids(), Has.Length.EqualTo(10), "no status filter");
        });

        foreach (var status in AttemptStatuses.All)
        {
            var page = await SendAsync(Query(statuses: [status]));
            Assert.That(page.Items.Select(a => a.Status.Type), Is.All.EqualTo(status), $"the filter agrees with the status the list computes ({status})");
        }

        var all = (await SendAsync(Query())).Items.ToDictionary(a => a.RequestAttemptId);
        Assert.Multiple(() =>
        {
            Assert.That((all[succeeded].SucceededAt, all[succeeded].FailedAt), Is.EqualTo(((DateTime?)Base.AddMinutes(7), (DateTime?)null)));
            Assert.That(all[succeeded].ResponseId, Is.EqualTo(succeeded), "a response recorded since the second design has its attempt's id");
            Assert.That(all[succeeded].HttpResponseStatus, Is.EqualTo(200));
            Assert.That(all[retried].FailedAt, Is.EqualTo(Base.AddMinutes(8)));
            Assert.That(all[retried].HttpResponseStatus, Is.EqualTo(503));
            Assert.That((all[exhausted].RetryCount, all[exhausted].DelayUntil), Is.EqualTo((2, (DateTime?)Base.AddMinutes(8))));
            Assert.That(all[cancelled].FailedAt, Is.EqualTo(Base.AddMinutes(10)), "cancelled: failed at its cancellation");
            Assert.That(all[cancelled].ResponseId, Is.Null, "never tried: no response");
            Assert.That(all[cancelled].HttpResponseStatus, Is.Null);
            Assert.That(all[inFlight].PickedAt, Is.EqualTo(Base.AddMinutes(3)), "a live lease shows its pick time");
            Assert.That(all[leaseOver].PickedAt, Is.Null, "a lease that ran out is pending again");
            Assert.That(all[waiting].DelayUntil, Is.GreaterThan(DateTime.UtcNow), "a retry's due time is its delay");
            Assert.That(all[parked].DelayUntil, Is.Null, "a parked retry shows no due time");
            Assert.That(all[dueAgain].RetryCount, Is.EqualTo(1));
            Assert.That(all[pending].Subscription.SubscriptionId, Is.EqualTo(_accounting));
        });
    }

    [Test]
    public async Task A_page_boundary_between_the_halves_and_a_cursor_into_the_history_cover_every_attempt_once_in_order()
    {
        var queued = new List<Guid>();
        var finished = new List<Guid>();
        for (var i = 0; i < 70; i++)
        {
            finished.Add(await _seed.FinishedAsync(i % 2 == 0 ? _accounting : _crm, _acme.EventType, At(i), At(i + 1), i % 3 == 0 ? "succeeded" : "retried"));
        }

        for (var i = 0; i < 30; i++)
        {
            queued.Add(await _seed.QueuedAsync(i % 2 == 0 ? _accounting : _crm, _acme.EventType, At(100 + i)));
        }

        var (pages, seen) = await AllPagesAsync(cursor => Query(cursor: cursor));
        var first = (await SendAsync(Query())).Items;
        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(new[] { 50, 50, 0 }), "a full last page still gives a cursor, to an empty page");
            Assert.That(seen, Is.Unique);
            Assert.That(seen, Is.EqualTo(Enumerable.Reverse(finished.Concat(queued)).ToList()), "newest first across both halves");
            Assert.That(first.Take(30).Select(a => a.RequestAttemptId), Is.EqualTo(Enumerable.Reverse(queued)), "the queue's 30 first");
            Assert.That(first.Skip(30).Select(a => a.Status.Type), Is.All.AnyOf("successful", "failed"), "then the history's 20: the boundary falls between");
        });
    }

    [Test]
    public async Task Ties_on_the_creation_time_across_both_halves_page_in_the_databases_id_order()
    {
        // 60 attempts created in the same millisecond, half queued and half finished, plus one older and one newer.
        var newest = await _seed.QueuedAsync(_accounting, _acme.EventType, At(10));
        var tied = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            tied.Add(i % 2 == 0
                ? await _seed.QueuedAsync(_accounting, _acme.EventType, At(5))
                : await _seed.FinishedAsync(_crm, _acme.EventType, At(5), At(6), "given_up", "exhausted"));
        }

        var oldest = await _seed.FinishedAsync(_accounting, _acme.EventType, At(0), At(1), "succeeded");
        var (pages, seen) = await AllPagesAsync(cursor => Query(cursor: cursor));
        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(new[] { 50, 12 }));
            Assert.That(seen, Is.Unique);
            Assert.That(seen[0], Is.EqualTo(newest));
            Assert.That(seen[^1], Is.EqualTo(oldest));
            Assert.That(seen.Skip(1).Take(60), Is.EqualTo(tied.OrderByDescending(id => id.ToString("N"), StringComparer.Ordinal)),
                "ties broken by id, as PostgreSQL orders uuids");
        });

        // The same under a status filter from each half.
        var (failedPages, failed) = await AllPagesAsync(cursor => Query(cursor: cursor, statuses: ["failed", "pending"]));
        Assert.That(failedPages, Is.EqualTo(new[] { 50, 11 }));
        Assert.That(failed, Is.Unique);
    }

    private static async Task<(List<int> Pages, List<Guid> Seen)> AllPagesAsync(Func<string?, ListRequestAttemptsQuery> query)
    {
        var pages = new List<int>();
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(query(cursor));
            pages.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(a => a.RequestAttemptId));
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        return (pages, seen);
    }

    [Test]
    public async Task Subscription_event_type_event_and_time_range_filter_both_halves()
    {
        const string voided = "billing.invoice.voided";
        await new Scenario(Master()).EventTypeAsync(_acme.ApplicationId, "billing", "invoice", "voided");
        var paid = _acme.EventType;
        var shared = Guid.NewGuid();
        var early = await _seed.FinishedAsync(_accounting, paid, At(0), At(1), "succeeded", eventId: shared);
        var crm = await _seed.QueuedAsync(_crm, paid, At(10), eventId: shared);
        var voidedDone = await _seed.FinishedAsync(_accounting, voided, At(20), At(21), "retried");
        var voidedQueued = await _seed.QueuedAsync(_accounting, voided, At(25), attemptNumber: 1, due: "now() + interval '1 hour'");
        var late = await _seed.QueuedAsync(_accounting, paid, At(30));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await IdsAsync(Query(subscription: _crm)), Is.EqualTo(new[] { crm }));
            Assert.That(await IdsAsync(Query(subscription: _accounting)), Is.EqualTo(new[] { late, voidedQueued, voidedDone, early }));
            Assert.That(await IdsAsync(Query(types: [voided])), Is.EqualTo(new[] { voidedQueued, voidedDone }));
            Assert.That(await IdsAsync(Query(types: [voided, paid])), Has.Length.EqualTo(5), "several types");
            Assert.That(await IdsAsync(Query(types: [paid], subscription: _accounting)), Is.EqualTo(new[] { late, early }));
            Assert.That(await IdsAsync(Query(eventId: shared)), Is.EqualTo(new[] { crm, early }), "an event's attempts, queued and finished");
            Assert.That(await IdsAsync(Query(min: Base.AddMinutes(5), max: Base.AddMinutes(25))), Is.EqualTo(new[] { voidedQueued, voidedDone, crm }));
            Assert.That(await IdsAsync(Query(min: Base.AddMinutes(30))), Is.EqualTo(new[] { late }), "the bounds are inclusive");
            Assert.That(await IdsAsync(Query(max: Base.AddMinutes(0))), Is.EqualTo(new[] { early }), "the bounds are inclusive");
        });
    }

    [Test]
    public async Task The_detail_finds_an_attempt_in_either_half_and_only_for_its_application()
    {
        var queued = await _seed.QueuedAsync(_accounting, _acme.EventType, At(0), leaseUntil: "now() + interval '30 seconds'", pickedAt: At(0));
        var done = await _seed.FinishedAsync(_accounting, _acme.EventType, At(1), At(2), "given_up", "gone_410", httpCode: 410);
        var scenario = new Scenario(Master());
        var other = await scenario.TenantAsync("Globex");
        var otherSubscription = (await scenario.SubscriptionAsync(other.ApplicationId, [other.EventType]))["subscription_id"]!.GetValue<Guid>();
        var theirs = await new AttemptSeed(Database.ConnectionString, other.ApplicationId).FinishedAsync(otherSubscription, other.EventType, At(1), At(2), "succeeded");
        var theirsQueued = await new AttemptSeed(Database.ConnectionString, other.ApplicationId).QueuedAsync(otherSubscription, other.EventType, At(1));

        var inQueue = await JsonAsync(await Master().GetAsync($"/api/v1/request_attempts/{queued}?application_id={_acme.ApplicationId}"));
        var inHistory = await JsonAsync(await Master().GetAsync($"/api/v1/request_attempts/{done}?application_id={_acme.ApplicationId}"));
        Assert.Multiple(() =>
        {
            Assert.That(inQueue["status"]!["type"]!.GetValue<string>(), Is.EqualTo("inprogress"));
            Assert.That(inQueue["response_id"], Is.Null);
            Assert.That(inHistory["status"]!["type"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(inHistory["response_id"]!.GetValue<Guid>(), Is.EqualTo(done));
            Assert.That(inHistory["http_response_status"]!.GetValue<int>(), Is.EqualTo(410));
        });

        foreach (var id in new[] { theirs, theirsQueued, Guid.CreateVersion7(), Guid.NewGuid() })
        {
            await AssertProblemAsync(await Master().GetAsync($"/api/v1/request_attempts/{id}?application_id={_acme.ApplicationId}"), 404, "NotFound");
        }
    }

    [Test]
    public async Task A_response_is_found_by_its_attempts_id_or_its_wave_one_id_and_only_for_its_application()
    {
        var binary = new byte[] { 0xff, 0x00, 0xfe };
        var own = await _seed.FinishedAsync(_accounting, _acme.EventType, At(0), At(1), "retried", httpCode: 500, body: Encoding.UTF8.GetBytes("oops"), truncated: true);
        var legacy = await _seed.FinishedAsync(_accounting, _acme.EventType, At(2), At(3), "succeeded", response: "legacy", body: binary);
        var failedWithout = await _seed.FinishedAsync(_accounting, _acme.EventType, At(4), At(5), "retried", httpCode: null, errorName: "E_TIMEOUT", headers: "null");
        var cancelled = await _seed.FinishedAsync(_accounting, _acme.EventType, At(6), At(7), "cancelled", "subscription_gone", response: "none");
        var legacyId = (await _seed.ResponseIdAsync(legacy))!.Value;
        Assert.That(legacyId, Is.Not.EqualTo(legacy));

        var ownResponse = await JsonAsync(await Master().GetAsync($"/api/v1/responses/{own}?application_id={_acme.ApplicationId}"));
        var legacyResponse = await JsonAsync(await Master().GetAsync($"/api/v1/responses/{legacyId}?application_id={_acme.ApplicationId}"));
        var error = await SendAsync(new GetResponseQuery(Caller.MasterKey, _acme.ApplicationId, failedWithout));
        Assert.Multiple(() =>
        {
            Assert.That(ownResponse["response_id"]!.GetValue<Guid>(), Is.EqualTo(own));
            Assert.That(ownResponse["http_code"]!.GetValue<int>(), Is.EqualTo(500));
            Assert.That(ownResponse["body"]!.GetValue<string>(), Is.EqualTo("oops"));
            Assert.That(ownResponse["headers"]!["x-trace"]!.GetValue<string>(), Is.EqualTo("abc"));
            Assert.That(ownResponse["elapsed_time_ms"]!.GetValue<int>(), Is.EqualTo(12));
            Assert.That(legacyResponse["response_id"]!.GetValue<Guid>(), Is.EqualTo(legacyId));
            Assert.That(legacyResponse["body"]!.GetValue<string>(), Is.EqualTo(Convert.ToBase64String(binary)), "not UTF-8: base64");
            Assert.That((error.ResponseErrorName, error.HttpCode, error.Headers), Is.EqualTo(("E_TIMEOUT", (int?)null, (IReadOnlyDictionary<string, string>?)null)));
        });

        await AssertProblemAsync(await Master().GetAsync($"/api/v1/responses/{legacy}?application_id={_acme.ApplicationId}"), 404, "NotFound");
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/responses/{cancelled}?application_id={_acme.ApplicationId}"), 404, "NotFound");
        var other = await new Scenario(Master()).TenantAsync("Globex");
        foreach (var id in new[] { own, legacyId })
        {
            await AssertProblemAsync(await Master().GetAsync($"/api/v1/responses/{id}?application_id={other.ApplicationId}"), 404, "NotFound");
        }
    }

    [Test]
    public async Task An_application_never_lists_another_applications_attempts()
    {
        var scenario = new Scenario(Master());
        var other = await scenario.TenantAsync("Globex");
        var otherSubscription = (await scenario.SubscriptionAsync(other.ApplicationId, [other.EventType]))["subscription_id"]!.GetValue<Guid>();
        var theirs = new AttemptSeed(Database.ConnectionString, other.ApplicationId);
        var mine = await _seed.FinishedAsync(_accounting, _acme.EventType, At(0), At(1), "given_up", "exhausted");
        var mineQueued = await _seed.QueuedAsync(_accounting, _acme.EventType, At(1));
        await theirs.FinishedAsync(otherSubscription, other.EventType, At(1), At(2), "given_up", "exhausted");
        await theirs.QueuedAsync(otherSubscription, other.EventType, At(2));

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsAsync(Query()), Is.EqualTo(new[] { mineQueued, mine }));
            Assert.That(await IdsAsync(Query(subscription: otherSubscription)), Is.Empty, "another application's subscription id finds nothing here");
            Assert.That((await SendAsync(new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, null, null))).Items.Select(a => a.RequestAttemptId),
                Is.EqualTo(new[] { mine }));
        });

        var refused = await As(_acme.Secret).GetAsync($"/api/v1/request_attempts?application_id={other.ApplicationId}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await refused.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_unknown_status_or_a_malformed_cursor_is_refused()
    {
        var problem = Assert.ThrowsAsync<ProblemException>(async () => await SendAsync(Query(statuses: ["exploded"])));
        Assert.That(problem!.Detail, Does.Contain("exploded").And.Contain("inprogress"));
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/request_attempts?application_id={_acme.ApplicationId}&pagination_cursor=%%%"), 400, "InvalidParameter");
    }
}
