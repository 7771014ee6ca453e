using System.Net;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Dashboard.Logs;

/// <summary>
/// The request-attempt list the delivery-log page sends, with its filters, against real rows: each
/// filter, each computed status as a column predicate, keyset pages across equal creation times, and
/// one application never seeing another's attempts. The dead-letter list and its bulk retry share the filter.
/// </summary>
[NonParallelizable]
public sealed class AttemptListQueryTests : ApiTest
{
    private static readonly DateTime Base = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private Tenant _acme = null!;
    private Guid _accounting;
    private Guid _crm;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        var scenario = new Scenario(Master());
        _acme = await scenario.TenantAsync();
        await scenario.EventTypeAsync(_acme.ApplicationId, "billing", "invoice", "voided");
        _accounting = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        _crm = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
    }

    private static async Task<T> SendAsync<T>(IQuery<T> query)
    {
        using var scope = ApiFixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private static async Task<T> SendAsync<T>(ICommand<T> command)
    {
        using var scope = ApiFixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Inserts an attempt row as the workers leave it; the times are SQL expressions.</summary>
    private static async Task<Guid> AttemptAsync(Guid application, Guid subscription, string type, string created, string? picked = null,
        string? failed = null, string? succeeded = null, string? delay = null, string? giveUp = null, Guid? id = null)
    {
        var attemptId = id ?? Guid.NewGuid();
        await Database.ExecuteAsync($"""
            INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at,
                picked_at, failed_at, succeeded_at, delay_until, retry_count, give_up_reason)
            VALUES ('{attemptId}', '{Guid.NewGuid()}', '{subscription}', '{application}', '{type}', {created},
                {picked ?? "NULL"}, {failed ?? "NULL"}, {succeeded ?? "NULL"}, {delay ?? "NULL"}, 0, {(giveUp is null ? "NULL" : $"'{giveUp}'")})
            """);
        return attemptId;
    }

    private static string At(int minutes) => $"'{Base.AddMinutes(minutes):O}'::timestamptz";

    private ListRequestAttemptsQuery Query(Guid? subscription = null, string[]? types = null, DateTime? min = null, DateTime? max = null,
        string? cursor = null, string[]? statuses = null)
        => new(Caller.MasterKey, _acme.ApplicationId, null, subscription, min, max, types ?? [], cursor, statuses);

    [Test]
    public async Task Each_status_is_found_by_its_column_predicate()
    {
        var t = _acme.EventType;
        var pending = await AttemptAsync(_acme.ApplicationId, _accounting, t, At(0));
        var dueAgain = await AttemptAsync(_acme.ApplicationId, _accounting, t, At(1), delay: "now() - interval '1 minute'");
        var waiting = await AttemptAsync(_acme.ApplicationId, _accounting, t, At(2), delay: "now() + interval '1 hour'");
        var inProgress = await AttemptAsync(_acme.ApplicationId, _accounting, t, At(3), picked: At(3));
        var successful = await AttemptAsync(_acme.ApplicationId, _accounting, t, At(4), picked: At(4), succeeded: At(5));
        var failed = await AttemptAsync(_acme.ApplicationId, _accounting, t, At(5), picked: At(5), failed: At(6));

        async Task<Guid[]> Ids(params string[] statuses) => [.. (await SendAsync(Query(statuses: statuses))).Items.Select(a => a.RequestAttemptId)];

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Ids("pending"), Is.EqualTo(new[] { dueAgain, pending }), "no delay, or a delay already over");
            Assert.That(await Ids("waiting"), Is.EqualTo(new[] { waiting }));
            Assert.That(await Ids("inprogress"), Is.EqualTo(new[] { inProgress }));
            Assert.That(await Ids("successful"), Is.EqualTo(new[] { successful }));
            Assert.That(await Ids("failed"), Is.EqualTo(new[] { failed }));
            Assert.That(await Ids("failed", "waiting"), Is.EqualTo(new[] { failed, waiting }), "several statuses: any of them");
            Assert.That(await Ids(), Has.Length.EqualTo(6), "no status filter");
        });
        var page = await SendAsync(Query(statuses: ["waiting"]));
        Assert.That(page.Items.Single().Status.Type, Is.EqualTo("waiting"), "the filter agrees with the status the list computes");
    }

    [Test]
    public void An_unknown_status_is_refused_with_the_valid_ones_named()
    {
        var problem = Assert.ThrowsAsync<ProblemException>(async () => await SendAsync(Query(statuses: ["exploded"])));
        Assert.That(problem!.Detail, Does.Contain("exploded").And.Contain("inprogress"));
    }

    [Test]
    public async Task Subscription_event_type_and_time_range_filter_the_list()
    {
        var paid = _acme.EventType;
        const string voided = "billing.invoice.voided";
        var early = await AttemptAsync(_acme.ApplicationId, _accounting, paid, At(0));
        var crm = await AttemptAsync(_acme.ApplicationId, _crm, paid, At(10));
        var voidedOne = await AttemptAsync(_acme.ApplicationId, _accounting, voided, At(20));
        var late = await AttemptAsync(_acme.ApplicationId, _accounting, paid, At(30));

        async Task<Guid[]> Ids(ListRequestAttemptsQuery q) => [.. (await SendAsync(q)).Items.Select(a => a.RequestAttemptId)];

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Ids(Query(subscription: _crm)), Is.EqualTo(new[] { crm }));
            Assert.That(await Ids(Query(subscription: _accounting)), Is.EqualTo(new[] { late, voidedOne, early }));
            Assert.That(await Ids(Query(types: [voided])), Is.EqualTo(new[] { voidedOne }));
            Assert.That(await Ids(Query(types: [paid], subscription: _accounting)), Is.EqualTo(new[] { late, early }));
            Assert.That(await Ids(Query(min: Base.AddMinutes(5), max: Base.AddMinutes(25))), Is.EqualTo(new[] { voidedOne, crm }));
            Assert.That(await Ids(Query(min: Base.AddMinutes(30))), Is.EqualTo(new[] { late }), "the bounds are inclusive");
        });
    }

    [Test]
    public async Task Keyset_pages_cover_every_row_once_when_many_share_a_creation_time()
    {
        // 120 attempts created in the same microsecond, plus one older and one newer.
        var newest = await AttemptAsync(_acme.ApplicationId, _accounting, _acme.EventType, At(10));
        var tied = new List<Guid>();
        for (var i = 0; i < 120; i++)
        {
            tied.Add(await AttemptAsync(_acme.ApplicationId, i % 2 == 0 ? _accounting : _crm, _acme.EventType, At(5), failed: At(6)));
        }

        var oldest = await AttemptAsync(_acme.ApplicationId, _accounting, _acme.EventType, At(0), failed: At(1));

        var seen = new List<Guid>();
        var pages = new List<int>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(Query(cursor: cursor));
            pages.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(a => a.RequestAttemptId));
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(new[] { 50, 50, 22 }));
            Assert.That(seen, Is.Unique);
            Assert.That(seen[0], Is.EqualTo(newest));
            Assert.That(seen[^1], Is.EqualTo(oldest));
            Assert.That(seen.Skip(1).Take(120), Is.EquivalentTo(tied));
        });

        // The same tie-break under a filter: the failed ones, 50 at a time.
        var failedPages = new List<int>();
        cursor = null;
        var failedSeen = new HashSet<Guid>();
        do
        {
            var page = await SendAsync(Query(cursor: cursor, statuses: ["failed"]));
            failedPages.Add(page.Items.Count);
            failedSeen.UnionWith(page.Items.Select(a => a.RequestAttemptId));
            cursor = page.NextCursor;
        }
        while (cursor is not null && failedPages.Count < 10);

        Assert.That(failedPages, Is.EqualTo(new[] { 50, 50, 21 }));
        Assert.That(failedSeen, Has.Count.EqualTo(121));
    }

    [Test]
    public async Task An_application_never_sees_another_applications_attempts()
    {
        var scenario = new Scenario(Master());
        var other = await scenario.TenantAsync("Globex");
        var otherSubscription = (await scenario.SubscriptionAsync(other.ApplicationId, [other.EventType]))["subscription_id"]!.GetValue<Guid>();
        var mine = await AttemptAsync(_acme.ApplicationId, _accounting, _acme.EventType, At(0), failed: At(1), giveUp: "exhausted");
        await AttemptAsync(other.ApplicationId, otherSubscription, other.EventType, At(1), failed: At(2), giveUp: "exhausted");

        var list = await SendAsync(Query());
        var bySubscription = await SendAsync(Query(subscription: otherSubscription));
        var letters = await SendAsync(new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, null, null));
        var retry = await SendAsync(new RetryDeadLettersCommand(Caller.MasterKey, _acme.ApplicationId, null, null, null, null, true));

        Assert.Multiple(() =>
        {
            Assert.That(list.Items.Select(a => a.RequestAttemptId), Is.EqualTo(new[] { mine }));
            Assert.That(bySubscription.Items, Is.Empty, "another application's subscription id finds nothing here");
            Assert.That(letters.Items.Select(a => a.RequestAttemptId), Is.EqualTo(new[] { mine }));
            Assert.That(retry.MatchingAttempts, Is.EqualTo(1));
        });

        // Over HTTP, Acme's own secret cannot list the other application at all.
        var refused = await As(_acme.Secret).GetAsync($"/api/v1/request_attempts?application_id={other.ApplicationId}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await refused.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Dead_letters_filter_by_event_type_and_failure_time_and_the_bulk_retry_counts_the_same()
    {
        const string voided = "billing.invoice.voided";
        var paidEarly = await AttemptAsync(_acme.ApplicationId, _accounting, _acme.EventType, At(0), failed: At(1), giveUp: "exhausted");
        var voidedLate = await AttemptAsync(_acme.ApplicationId, _crm, voided, At(10), failed: At(11), giveUp: "exhausted");
        var paidLate = await AttemptAsync(_acme.ApplicationId, _crm, _acme.EventType, At(20), failed: At(21), giveUp: "gone_410");
        await AttemptAsync(_acme.ApplicationId, _crm, _acme.EventType, At(30), failed: At(31)); // failed, retried by the worker: not dead

        async Task<Guid[]> Ids(string[]? types = null, DateTime? from = null, DateTime? to = null, Guid? subscription = null)
            => [.. (await SendAsync(new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, subscription, null, types, from, to))).Items.Select(a => a.RequestAttemptId)];

        async Task<int> DryRun(string[]? types = null, DateTime? from = null, DateTime? to = null, Guid? subscription = null)
            => (await SendAsync(new RetryDeadLettersCommand(Caller.MasterKey, _acme.ApplicationId, null, subscription, from, to, true, types))).MatchingAttempts;

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Ids(), Is.EqualTo(new[] { paidLate, voidedLate, paidEarly }));
            Assert.That(await Ids(types: [_acme.EventType]), Is.EqualTo(new[] { paidLate, paidEarly }));
            Assert.That(await DryRun(types: [_acme.EventType]), Is.EqualTo(2));
            Assert.That(await Ids(from: Base.AddMinutes(5)), Is.EqualTo(new[] { paidLate, voidedLate }));
            Assert.That(await DryRun(from: Base.AddMinutes(5)), Is.EqualTo(2));
            Assert.That(await Ids(from: Base.AddMinutes(5), to: Base.AddMinutes(15), subscription: _crm), Is.EqualTo(new[] { voidedLate }));
            Assert.That(await DryRun(from: Base.AddMinutes(5), to: Base.AddMinutes(15), subscription: _crm), Is.EqualTo(1));
        });

        // The real bulk retry with a type filter re-queues only those, which then leave the list.
        var done = await SendAsync(new RetryDeadLettersCommand(Caller.MasterKey, _acme.ApplicationId, null, null, null, null, false, [voided]));
        Assert.That(done.Retried, Is.EqualTo(1));
        Assert.That(await Ids(), Is.EqualTo(new[] { paidLate, paidEarly }));
        var fresh = await SendAsync(Query(types: [voided], statuses: ["pending"]));
        Assert.That(fresh.Items, Has.Count.EqualTo(1), "a fresh first try of the voided event is pending");
    }
}
