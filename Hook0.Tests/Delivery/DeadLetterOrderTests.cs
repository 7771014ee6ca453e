using System.Text.RegularExpressions;
using Hook0.Modules.Dashboard.DeadLetters;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery;

/// <summary>
/// Dead letters are strictly ordered: newest failure first, then the attempt id (PostgreSQL's uuid order, which is the
/// id's hex text in ordinal order), so letters that failed in the same instant keep one order across pages and reloads.
/// </summary>
public sealed partial class DeadLetterOrderTests : ApiTest
{
    [Test]
    public async Task Letters_failed_at_the_same_instant_page_in_id_order_without_gaps_or_repeats()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        await Database.ExecuteAsync($"""
            INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at,
                                         event_type_name, attempt_number, outcome, reason, completed_at)
            SELECT '{tenant.ApplicationId}', date_trunc('milliseconds', webhook.uuid_v7_time(id)), id, gen_random_uuid(), gen_random_uuid(), now(),
                   'a.b.c', 0, 'given_up', 'exhausted', date_trunc('second', now())
            FROM (SELECT webhook.uuid_v7() AS id FROM generate_series(1, 60)) ids
            """);
        var expected = await Database.ScalarAsync<string>(
            $"SELECT string_agg(request_attempt_id::text, ',' ORDER BY request_attempt_id DESC) FROM webhook.attempt WHERE application_id = '{tenant.ApplicationId}'");

        var seen = new List<string>();
        var url = $"/api/v1/dead_letters?application_id={tenant.ApplicationId}";
        for (var pages = 0; url is not null && pages < 5; pages++)
        {
            var response = await Master().GetAsync(url);
            seen.AddRange((await JsonAsync(response)).AsArray().Select(a => a!["request_attempt_id"]!.GetValue<string>()));
            url = response.Headers.TryGetValues("Link", out var links) && NextCursor().Match(links.Single()) is { Success: true } next
                ? $"/api/v1/dead_letters?application_id={tenant.ApplicationId}&pagination_cursor={next.Groups[1].Value}"
                : null;
        }

        Assert.That(string.Join(",", seen), Is.EqualTo(expected));
        Assert.That(seen, Is.Ordered.Descending.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public void The_dashboard_keeps_the_servers_order_for_equal_failure_times()
    {
        var at = new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var letters = ids.Select(id => Letter(id, at)).ToList();
        var server = letters.OrderByDescending(l => l.RequestAttemptId.ToString("N"), StringComparer.Ordinal).ToList();

        var shown = DeadLetterRows.Merge(server.Take(3).ToList(), server.Skip(3).Reverse());

        Assert.That(shown.Select(l => l.RequestAttemptId), Is.EqualTo(server.Select(l => l.RequestAttemptId)));
    }

    private static RequestAttemptDto Letter(Guid id, DateTime failedAt) => new(
        id, Guid.Empty, new AttemptEventDto(Guid.Empty, "a.b.c"), new AttemptSubscriptionDto(Guid.Empty, null),
        failedAt.AddMinutes(-1), failedAt.AddMinutes(-1), failedAt, null, null, null, 0, 500,
        AttemptStatusDto.Of(failedAt.AddMinutes(-1), failedAt.AddMinutes(-1), null, null, failedAt, failedAt));

    [GeneratedRegex("pagination_cursor=([^&>]+)")]
    private static partial Regex NextCursor();
}
