using System.Text.RegularExpressions;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.DeadLetters;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// The plans of the attempt reads (ADR 0016), over day partitions holding thousands of rows of two applications: each
/// half of the list and the dead-letter list is an index scan under a LIMIT (a merge of ordered index scans across the
/// partitions for the history), never a sequential scan and never a sort of all of an application's rows. The SQL is
/// the one the handlers send (EF's command for the same query), explained with its parameters.
/// </summary>
[NonParallelizable]
public sealed partial class AttemptReadPlansTests : ApiTest
{
    private static readonly DateTime Base = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int RowsPerApplication = 24000;

    private Tenant _acme = null!;
    private Guid _accounting;

    [SetUp]
    public async Task SeedAsync()
    {
        var scenario = new Scenario(Master());
        _acme = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Globex");
        _accounting = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        var crm = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        var theirs = (await scenario.SubscriptionAsync(other.ApplicationId, [other.EventType]))["subscription_id"]!.GetValue<Guid>();
        await AttemptSeed.DayPartitionsAsync(Database.ConnectionString, [.. Enumerable.Range(0, 4).Select(d => Base.AddDays(d))]);
        // An attempt every 12.5 s over about three and a half days, for each application: outcomes mixed, every third given up.
        foreach (var (application, a, b, type) in new[] { (_acme.ApplicationId, _accounting, crm, _acme.EventType), (other.ApplicationId, theirs, theirs, other.EventType) })
        {
            await Database.ExecuteAsync($"""
                INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                    attempt_number, outcome, reason, completed_at, response_id, http_code, elapsed_ms)
                SELECT '{application}', date_trunc('milliseconds', s.t), s.id, CASE WHEN s.g % 2 = 0 THEN '{a}'::uuid ELSE '{b}'::uuid END, gen_random_uuid(),
                    s.t, CASE WHEN s.g % 4 = 0 THEN 'billing.invoice.voided' ELSE '{type}' END, 0,
                    CASE WHEN s.g % 3 = 0 THEN 'given_up' WHEN s.g % 5 = 0 THEN 'retried' ELSE 'succeeded' END,
                    CASE WHEN s.g % 3 = 0 THEN 'exhausted' END, s.t + interval '1 second', s.id, 200, 5
                FROM (SELECT g, t, webhook.uuid_v7_at(t) AS id
                      FROM generate_series(1, {RowsPerApplication}) g, LATERAL (SELECT '{Base:O}'::timestamptz + g * interval '12.5 seconds' AS t) x) s;
                INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                    created_at, due_at, attempt_number)
                SELECT '{application}', s.id, CASE WHEN s.g % 2 = 0 THEN '{a}'::uuid ELSE '{b}'::uuid END, gen_random_uuid(), s.t,
                    CASE WHEN s.g % 4 = 0 THEN 'billing.invoice.voided' ELSE '{type}' END,
                    date_trunc('milliseconds', s.t), s.t, 0
                FROM (SELECT g, t, webhook.uuid_v7_at(t) AS id
                      FROM generate_series(1, {RowsPerApplication}) g, LATERAL (SELECT '{Base:O}'::timestamptz + g * interval '12.5 seconds' + interval '6 seconds' AS t) x) s;
                """);
        }

        // About one dead letter in ten already retried by hand, so that the planner sees marks to look up.
        await Database.ExecuteAsync("""
            INSERT INTO webhook.dead_letter_retry (application_id, request_attempt_id, retried_at)
            SELECT application_id, request_attempt_id, now() FROM webhook.attempt WHERE outcome = 'given_up' AND get_byte(uuid_send(request_attempt_id), 15) < 26
            """);
        await Database.ExecuteAsync("ANALYZE webhook.attempt; ANALYZE webhook.delivery_queue; ANALYZE webhook.dead_letter_retry");
    }

    private ListRequestAttemptsQuery Query(Guid? subscription = null, string[]? types = null, string? cursor = null, string[]? statuses = null)
        => new(Caller.MasterKey, _acme.ApplicationId, null, subscription, null, null, types ?? [], cursor, statuses);

    private static readonly string Middle = new AttemptCursor(Base.AddHours(40), Guid.Empty).Encode();

    private static readonly (string Name, bool BySubscription, string[]? Types, bool Deep, string[]? Statuses)[] ListCases =
    [
        ("no filter", false, null, false, null),
        ("a subscription", true, null, false, null),
        ("one event type", false, ["billing.invoice.voided"], false, null),
        ("a cursor two days deep", false, null, true, null),
        ("failed, under a cursor", false, null, true, ["failed"]),
        ("successful", false, null, false, ["successful"]),
        ("pending and in progress of a subscription, under a cursor", true, null, true, ["pending", "inprogress"]),
    ];

    /// <summary>One seeding for every shape (the seeding is most of the time this takes).</summary>
    [Test]
    public async Task Each_half_of_the_list_and_the_dead_letter_list_are_index_scans_under_a_limit()
    {
        await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var now = DateTime.UtcNow;
        var plans = new List<(string What, string Plan)>();
        foreach (var (name, bySubscription, types, deep, statuses) in ListCases)
        {
            var (queue, history) = ListRequestAttemptsHandler.Halves(db, Query(bySubscription ? _accounting : null, types, deep ? Middle : null, statuses), now);
            if (queue is not null)
            {
                plans.Add(($"queue half, {name}", await QueryPlans.ExplainAsync(db, AttemptProjection.FromQueue(queue, now).CreateDbCommand())));
            }

            if (history is not null)
            {
                plans.Add(($"history half, {name}", await QueryPlans.ExplainAsync(db, AttemptProjection.FromHistory(history).CreateDbCommand())));
            }
        }

        foreach (var deep in new[] { false, true })
        {
            var page = ListDeadLettersHandler.Page(db, new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, null, deep ? Middle : null));
            plans.Add(($"dead letters{(deep ? ", under a cursor" : "")}", await QueryPlans.ExplainAsync(db, AttemptProjection.FromHistory(page).CreateDbCommand())));
        }

        Assert.Multiple(() =>
        {
            Assert.That(plans.Select(p => p.What), Has.Some.StartsWith("queue half").And.Some.StartsWith("history half"));
            foreach (var (what, plan) in plans)
            {
                AssertIndexScanUnderLimit(plan, what);
                if (what.StartsWith("queue", StringComparison.Ordinal))
                {
                    Assert.That(plan, Does.Contain("pk_delivery_queue"), $"{what}: along the primary key\n{plan}");
                }
                else
                {
                    Assert.That(plan, Does.Contain("attempt_seed_"), $"{what}: reads the day partitions\n{plan}");
                }

                if (what.StartsWith("dead letters", StringComparison.Ordinal))
                {
                    Assert.That(plan, Does.Contain("completed_at_idx"), $"{what}: the dead-letter index\n{plan}");
                }

                if (what.Contains("cursor", StringComparison.Ordinal) && what.StartsWith("history", StringComparison.Ordinal))
                {
                    Assert.That(plan, Does.Not.Contain("attempt_seed_20261103").And.Not.Contain("attempt_seed_20261104"),
                        $"{what}: the days after the cursor are pruned\n{plan}");
                }
            }
        });
        await TestContext.Out.WriteLineAsync(string.Join("\n\n", plans.Select(p => $"-- {p.What}\n{p.Plan}")));
    }

    [Test]
    public async Task A_lookup_by_id_reads_the_partitions_around_the_time_its_id_carries()
    {
        var id = await Database.ScalarAsync<string>($"SELECT request_attempt_id::text FROM webhook.attempt WHERE application_id = '{_acme.ApplicationId}' AND created_at > '{Base.AddHours(30):O}' ORDER BY created_at LIMIT 1");
        await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var guid = Guid.Parse(id!);
        var (from, to) = (AttemptKeyset.TimeOf(guid) - AttemptKeyset.Slack, AttemptKeyset.TimeOf(guid) + AttemptKeyset.Slack);
        var lookup = db.AttemptHistory.AsNoTracking()
            .Where(a => a.ApplicationId == _acme.ApplicationId && a.CreatedAt >= from && a.CreatedAt <= to && a.RequestAttemptId == guid);
        var plan = await QueryPlans.ExplainAsync(db, lookup.CreateDbCommand());
        Assert.Multiple(() =>
        {
            Assert.That(plan, Does.Contain("attempt_seed_20261102"), plan);
            Assert.That(plan, Does.Not.Contain("attempt_seed_20261101").And.Not.Contain("attempt_seed_20261103").And.Not.Contain("attempt_default"),
                $"one day's partition\n{plan}");
            Assert.That(SeqScanOnData().IsMatch(plan), Is.False, plan);
        });
        Assert.That(AttemptKeyset.TimeOf(guid), Is.EqualTo(Base.AddHours(30)).Within(TimeSpan.FromMinutes(1)));
    }

    private static void AssertIndexScanUnderLimit(string plan, string what)
        => Assert.Multiple(() =>
        {
            Assert.That(plan, Does.StartWith("Limit"), $"{what}: a LIMIT on top\n{plan}");
            Assert.That(plan, Does.Contain("Index Scan").Or.Contain("Index Only Scan"), $"{what}: an index scan\n{plan}");
            Assert.That(SeqScanOnData().IsMatch(plan), Is.False, $"{what}: no sequential scan\n{plan}");
            Assert.That(PlainSort().IsMatch(plan), Is.False, $"{what}: no sort of all the rows (an incremental sort of ties is fine)\n{plan}");
        });

    /// <summary>A Sort node (not an Incremental Sort, not a "Sort Key:" detail): a plan line that is only "Sort".</summary>
    [GeneratedRegex(@"(^|->)\s*Sort\s*$", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlainSort();

    /// <summary>
    /// A sequential scan of a table holding rows. The DEFAULT partition is empty here (the days have partitions), and
    /// PostgreSQL rightly scans an empty table rather than open its index.
    /// </summary>
    [GeneratedRegex(@"Seq Scan on (?!attempt_default\b)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SeqScanOnData();

}
