using System.Net;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// The dead-letter list the dashboard shows and its bulk retry share one filter, so that they agree, and neither
/// reaches another application's attempts. (The list's statuses, filters and pages over the queue and the history
/// are pinned in <c>Delivery/History</c>.)
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

    /// <summary>A finished attempt in the history, as the delivery core leaves it (ADR 0016); the times are SQL expressions.</summary>
    private static Task<Guid> AttemptAsync(Guid application, Guid subscription, string type, string created, string? failed = null, string? giveUp = null)
        => new AttemptSeed(Database.ConnectionString, application).FinishedAsync(subscription, type, created, failed ?? created,
            giveUp is null ? "retried" : "given_up", giveUp, httpCode: 503);

    private static string At(int minutes) => $"'{Base.AddMinutes(minutes):O}'::timestamptz";

    private ListRequestAttemptsQuery Query(Guid? subscription = null, string[]? types = null, DateTime? min = null, DateTime? max = null,
        string? cursor = null, string[]? statuses = null)
        => new(Caller.MasterKey, _acme.ApplicationId, null, subscription, min, max, types ?? [], cursor, statuses);

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
        var fresh = await SendAsync(new ListRequestAttemptsQuery(Caller.MasterKey, _acme.ApplicationId, null, null, null, null, [voided], null, ["pending"]));
        Assert.That(fresh.Items, Has.Count.EqualTo(1), "a fresh first try of the voided event is pending");
    }
}
