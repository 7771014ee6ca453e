using System.Net;
using System.Text;
using Hook0.Client;
using Hook0.Client.Generated.Models;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Client;

/// <summary>
/// Hook0.Client against the live server, for what the <c>hook0-client</c> npm SDK covers (upsert event types, send
/// events, refusals as errors, retries honouring Retry-After with idempotent ids) plus the batch route and the generated API.
/// </summary>
public sealed class Hook0ClientTests : ApiTest
{
    private static Dictionary<string, string> Labels => new() { ["tenant"] = "acme" };

    private static async Task<Tenant> TenantAsync() => await new Scenario(Master()).TenantAsync();

    [Test]
    public async Task Upserts_event_types_and_sends_events_like_the_npm_sdk()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId);
        var client = host.Client;

        var added = await client.UpsertEventTypesAsync(["billing.invoice.paid", "billing.invoice.voided", "billing.invoice.voided"]);
        var addedAgain = await client.UpsertEventTypesAsync(["billing.invoice.paid"]);
        var first = await client.SendEventAsync(new Hook0Event("billing.invoice.paid", "{\"amount\":42}", Labels));
        var second = await client.SendEventAsync(new Hook0Event("billing.invoice.voided", "plain text", Labels, "text/plain")
            { Metadata = new Dictionary<string, string> { ["source"] = "sdk" } });
        var duplicate = Assert.ThrowsAsync<Hook0ProblemException>(() =>
            client.SendEventAsync(new Hook0Event("billing.invoice.paid", "{}", Labels) { EventId = first }));

        Assert.Multiple(async () =>
        {
            Assert.That(added, Is.EqualTo(new[] { "billing.invoice.voided" }), "billing.invoice.paid came with the tenant; a repeated name is created once");
            Assert.That(addedAgain, Is.Empty);
            Assert.That(first.Version, Is.EqualTo(7), "a UUIDv7 minted by the client");
            Assert.That(duplicate!.ProblemId, Is.EqualTo("EventAlreadyIngested"), "a first attempt that finds its id taken is a real duplicate");
            Assert.That(duplicate.Status, Is.EqualTo(409));
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{tenant.ApplicationId}'"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<string>($"SELECT convert_from(payload, 'UTF8') FROM event.event WHERE event_id = '{second}'"), Is.EqualTo("plain text"));
            Assert.That(host.Attempts, Has.All.Not.Contain("//"), "routes resolve under the base address");
        });
    }

    [Test]
    public async Task A_refusal_is_a_problem_exception_with_its_id_and_fields()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId);

        var noLabels = Assert.ThrowsAsync<Hook0ProblemException>(() =>
            host.Client.SendEventAsync(new Hook0Event(tenant.EventType, "{}", new Dictionary<string, string>())));
        var badName = Assert.ThrowsAsync<ArgumentException>(() => host.Client.UpsertEventTypesAsync(["not-a-type"]));

        Assert.Multiple(() =>
        {
            Assert.That(noLabels!.ProblemId, Is.EqualTo("Validation"));
            Assert.That(noLabels.Status, Is.EqualTo(422));
            Assert.That(noLabels.Validation.Keys, Does.Contain("labels"));
            Assert.That(badName, Is.Not.Null);
            Assert.That(host.Attempts, Has.Count.EqualTo(1), "a 422 is not retried; a bad name never leaves the client");
        });
    }

    [Test]
    public async Task A_batch_answers_each_event_in_order()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId);
        Hook0Event[] events = [new(tenant.EventType, "{\"n\":1}", Labels), new(tenant.EventType, "{\"n\":2}", new Dictionary<string, string>()), new(tenant.EventType, "{\"n\":3}", Labels)];

        var outcomes = await host.Client.SendEventsAsync(events);

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Select(o => o.Status), Is.EqualTo(new[] { 201, 422, 201 }));
            Assert.That(outcomes.Select(o => o.EventId), Is.EqualTo(events.Select(e => e.EventId)));
            Assert.That(outcomes[1].Problem!.ProblemId, Is.EqualTo("Validation"));
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{tenant.ApplicationId}'"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task An_answer_lost_after_the_server_stored_the_event_is_retried_and_counts_as_sent_once()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId);
        host.Intercept = n => n == 0 ? (new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), true) : null;
        var e = new Hook0Event(tenant.EventType, "{}", Labels);

        var id = await host.Client.SendEventAsync(e);

        Assert.Multiple(async () =>
        {
            Assert.That(id, Is.EqualTo(e.EventId));
            Assert.That(host.Attempts, Has.Count.EqualTo(2), "the second attempt was answered EventAlreadyIngested");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE event_id = '{id}'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_batch_retried_after_a_lost_answer_reports_every_event_ingested()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId);
        host.Intercept = n => n == 0 ? (new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), true) : null;

        var outcomes = await host.Client.SendEventsAsync([new(tenant.EventType, "{}", Labels), new(tenant.EventType, "{}", Labels)]);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.Ingested), Is.EqualTo(new[] { true, true }));
            Assert.That(outcomes.Select(o => o.Status), Is.EqualTo(new[] { 409, 409 }), "what the server said on the retry");
            Assert.That(host.Attempts, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_429_waits_what_Retry_After_says_and_a_quota_429_is_not_retried()
    {
        var tenant = await TenantAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId, s => s.AddSingleton<TimeProvider>(time));
        host.Intercept = n => n == 0 ? (Problem(429, "RateLimited", retryAfterSeconds: 20), false) : null;

        var sending = host.Client.SendEventAsync(new Hook0Event(tenant.EventType, "{}", Labels));
        await Eventually.HoldsAsync(() => !host.Attempts.IsEmpty);
        time.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(100); // a timer due within 19 s would have fired by now
        var beforeRetryAfter = host.Attempts.Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await sending;

        host.Intercept = n => n == 2 ? (Problem(429, "TooManyEventsToday"), false) : null;
        var quota = Assert.ThrowsAsync<Hook0ProblemException>(() => host.Client.SendEventAsync(new Hook0Event(tenant.EventType, "{}", Labels)));

        Assert.Multiple(() =>
        {
            Assert.That(beforeRetryAfter, Is.EqualTo(1), "no retry before Retry-After's 20 s, though the backoff alone is 200 ms");
            Assert.That(sending.IsCompletedSuccessfully, Is.True);
            Assert.That(quota!.ProblemId, Is.EqualTo("TooManyEventsToday"), "the problem body of an undeclared status is kept");
            Assert.That(host.Attempts, Has.Count.EqualTo(3), "2 for the first send, 1 for the quota refusal");
        });
    }

    [Test]
    public async Task A_cancelled_send_stops_and_stores_nothing()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(tenant.Secret, tenant.ApplicationId);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(() => host.Client.SendEventAsync(new Hook0Event(tenant.EventType, "{}", Labels), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{tenant.ApplicationId}'"), Is.EqualTo(0));
    }

    [Test]
    public async Task The_generated_api_lists_applications_creates_a_subscription_and_lists_events()
    {
        var tenant = await TenantAsync();
        using var host = new ClientHost(Hook0Factory.MasterKey, tenant.ApplicationId);
        var api = host.Client.Api.Api.V1;
        await host.Client.SendEventAsync(new Hook0Event(tenant.EventType, "{}", Labels));

        var applications = await api.Applications.GetAsync(c => c.QueryParameters.OrganizationId = tenant.OrganizationId);
        var subscription = await api.Subscriptions.PostAsync(new SubscriptionPost
        {
            ApplicationId = tenant.ApplicationId,
            IsEnabled = true,
            EventTypes = [tenant.EventType],
            Labels = new SubscriptionPost_labels { AdditionalData = new Dictionary<string, object> { ["tenant"] = "acme" } },
            Target = new SubscriptionTargetPost { Type = "http", Method = "POST", Url = "https://example.com/hook" },
        });
        var events = await api.Events.GetAsync(c => c.QueryParameters.ApplicationId = tenant.ApplicationId);
        var missing = Assert.ThrowsAsync<ProblemDocument>(() => api.Applications[Guid.NewGuid()].GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(applications!.Select(a => a.ApplicationId), Does.Contain(tenant.ApplicationId));
            Assert.That(subscription!.SubscriptionId, Is.Not.Null);
            Assert.That(subscription.Secret, Is.Not.Null.And.Not.Empty);
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(missing!.Id, Is.EqualTo("Forbidden"), "refusals of the generated API are typed problem documents (an unknown id is hidden as 403, like upstream)");
            Assert.That(missing.ResponseStatusCode, Is.EqualTo(403));
        });
    }

    private static HttpResponseMessage Problem(int status, string id, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent($"{{\"type\":\"x\",\"id\":\"{id}\",\"title\":\"t\",\"detail\":\"d\",\"status\":{status},\"validation\":null}}",
                Encoding.UTF8, "application/problem+json"),
        };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }
}
