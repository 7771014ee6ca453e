using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// The dead-letter list over the history (ADR 0016): attempts given up for a dead reason (exhausted, invalid header,
/// 410 Gone) and not marked retried, newest failure first, keyset-paged on (completed_at, id), with its filters.
/// </summary>
[NonParallelizable]
public sealed class DeadLetterReadsTests : ApiTest
{
    private static readonly DateTime Base = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private const string Voided = "billing.invoice.voided";

    private Tenant _acme = null!;
    private Guid _accounting;
    private Guid _crm;
    private AttemptSeed _seed = null!;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        var scenario = new Scenario(Master());
        _acme = await scenario.TenantAsync();
        await scenario.EventTypeAsync(_acme.ApplicationId, "billing", "invoice", "voided");
        _accounting = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        _crm = (await scenario.SubscriptionAsync(_acme.ApplicationId, [_acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        _seed = new AttemptSeed(Database.ConnectionString, _acme.ApplicationId);
    }

    private static string At(int minutes) => AttemptSeed.At(Base.AddMinutes(minutes));

    private static async Task<RequestAttemptPage> LettersAsync(ListDeadLettersQuery query)
    {
        using var scope = ApiFixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private async Task<Guid[]> IdsAsync(string[]? types = null, DateTime? from = null, DateTime? to = null, Guid? subscription = null)
        => [.. (await LettersAsync(new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, subscription, null, types, from, to))).Items
            .Select(a => a.RequestAttemptId)];

    [Test]
    public async Task Only_unretried_attempts_given_up_for_a_dead_reason_are_listed_newest_failure_first_with_their_filters()
    {
        var paidEarly = await _seed.FinishedAsync(_accounting, _acme.EventType, At(0), At(1), "given_up", "exhausted");
        var voidedLate = await _seed.FinishedAsync(_crm, Voided, At(10), At(11), "given_up", "invalid_header", response: "legacy");
        // Created before voidedLate but failed after it: the list follows the failure time.
        var paidLate = await _seed.FinishedAsync(_crm, _acme.EventType, At(9), At(21), "given_up", "gone_410", httpCode: 410);
        var retriedByHand = await _seed.FinishedAsync(_accounting, _acme.EventType, At(12), At(13), "given_up", "exhausted");
        await _seed.RetriedAsync(retriedByHand);
        await _seed.FinishedAsync(_crm, _acme.EventType, At(30), At(31), "retried", httpCode: 503); // a successor is queued: not dead
        await _seed.FinishedAsync(_crm, _acme.EventType, At(32), At(33), "cancelled", "subscription_disabled", response: "none"); // never tried
        await _seed.FinishedAsync(_crm, _acme.EventType, At(34), At(35), "succeeded");
        await _seed.QueuedAsync(_crm, _acme.EventType, At(36));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await IdsAsync(), Is.EqualTo(new[] { paidLate, voidedLate, paidEarly }));
            Assert.That(await IdsAsync(types: [_acme.EventType]), Is.EqualTo(new[] { paidLate, paidEarly }));
            Assert.That(await IdsAsync(from: Base.AddMinutes(5)), Is.EqualTo(new[] { paidLate, voidedLate }));
            Assert.That(await IdsAsync(to: Base.AddMinutes(21)), Is.EqualTo(new[] { voidedLate, paidEarly }), "before `to`, by failure time");
            Assert.That(await IdsAsync(from: Base.AddMinutes(5), to: Base.AddMinutes(15), subscription: _crm), Is.EqualTo(new[] { voidedLate }));
        });

        var page = await LettersAsync(new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, null, null));
        Assert.That(page.Items.Select(a => a.Status.Type), Is.All.EqualTo("failed"));
        Assert.That(page.Items.Single(a => a.RequestAttemptId == paidLate).HttpResponseStatus, Is.EqualTo(410));
    }

    [Test]
    public async Task Keyset_pages_cover_every_letter_once_when_many_failed_at_the_same_time()
    {
        var newest = await _seed.FinishedAsync(_accounting, _acme.EventType, At(0), At(30), "given_up", "exhausted");
        var tied = new List<Guid>();
        for (var i = 0; i < 120; i++)
        {
            tied.Add(await _seed.FinishedAsync(i % 2 == 0 ? _accounting : _crm, _acme.EventType, At(i % 7), At(20), "given_up", "exhausted"));
        }

        var oldest = await _seed.FinishedAsync(_accounting, _acme.EventType, At(8), At(10), "given_up", "exhausted");
        var pages = new List<int>();
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await LettersAsync(new ListDeadLettersQuery(Caller.MasterKey, _acme.ApplicationId, null, cursor));
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
            Assert.That(seen.Skip(1).Take(120), Is.EqualTo(tied.OrderByDescending(id => id.ToString("N"), StringComparer.Ordinal)));
        });
    }
}
