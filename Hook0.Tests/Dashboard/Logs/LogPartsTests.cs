using Bunit;
using Hook0.Modules.Dashboard.DeadLetters;
using Hook0.Modules.Dashboard.Logs;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Hook0.Tests.Dashboard.Logs;

/// <summary>The pure parts of the delivery-log pages: badges, timeline, body rendering, filters, paging, live changes.</summary>
public sealed class LogPartsTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Subscription = Guid.NewGuid();
    private static readonly Guid Event = Guid.NewGuid();

    private static RequestAttemptDto Attempt(int retry, DateTime created, DateTime? picked = null, DateTime? failed = null, DateTime? succeeded = null,
        DateTime? delay = null, int? http = null, DateTime? now = null, Guid? id = null)
        => new(id ?? Guid.NewGuid(), Event, new AttemptEventDto(Event, "billing.invoice.paid"), new AttemptSubscriptionDto(Subscription, "Accounting"),
            created, picked, failed, succeeded, delay, null, retry, http, AttemptStatusDto.Of(created, picked, delay, succeeded, failed, now ?? T0.AddHours(1)));

    [TestCase("pending", "Pending", Color.Default)]
    [TestCase("waiting", "Waiting", Color.Info)]
    [TestCase("inprogress", "In progress", Color.Primary)]
    [TestCase("successful", "Successful", Color.Success)]
    [TestCase("failed", "Failed", Color.Error)]
    [TestCase("exploded", "exploded", Color.Default)]
    public void Each_status_has_its_badge(string status, string label, Color color)
    {
        var badge = AttemptBadge.Of(new AttemptStatusDto(status, Since: T0, Until: T0, At: T0, FullProcessingMs: 1500));
        Assert.That((badge.Label, badge.Color, badge.Status), Is.EqualTo((label, color, status)));
    }

    [Test]
    public void The_badge_says_how_long_an_outcome_took_and_until_when_a_retry_waits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AttemptBadge.Of(new AttemptStatusDto("failed", At: T0, FullProcessingMs: 1500)).Detail, Is.EqualTo("2026-11-01 12:00:00 UTC, 1.5 s after it was due"));
            Assert.That(AttemptBadge.Of(new AttemptStatusDto("waiting", Since: T0, Until: T0.AddMinutes(5))).Detail, Is.EqualTo("Retry due at 2026-11-01 12:05:00 UTC"));
        });
    }

    [Test]
    public async Task The_status_chip_renders_the_badge_with_its_test_id()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<Hook0.Modules.Dashboard.Common.BrowserTimeZone>(context.Services); // LocalTime: UTC without a browser
        var chip = context.Render<AttemptStatusChip>(p => p.Add(c => c.Status, new AttemptStatusDto("inprogress", Since: T0)));

        var element = chip.Find("[data-test=attempt-status]");
        Assert.Multiple(() =>
        {
            Assert.That(element.GetAttribute("data-status"), Is.EqualTo("inprogress"));
            Assert.That(element.TextContent, Does.Contain("In progress"));
        });
    }

    [Test]
    public void A_failed_attempt_followed_by_a_retry_shows_every_step_and_links_the_retry()
    {
        var first = Attempt(0, T0, picked: T0.AddSeconds(1), failed: T0.AddSeconds(2), http: 500);
        var retry = Attempt(1, T0.AddSeconds(2), delay: T0.AddSeconds(62), now: T0.AddSeconds(10));
        var unrelated = Attempt(0, T0.AddSeconds(1)) with { Subscription = new AttemptSubscriptionDto(Guid.NewGuid(), null) };

        var steps = AttemptTimeline.Build(first, [retry, first, unrelated], 500, T0.AddSeconds(10));

        Assert.That(steps.Select(s => s.Kind), Is.EqualTo(new[] { "created", "picked", "failed", "next-retry" }));
        Assert.Multiple(() =>
        {
            Assert.That(steps[0].Title, Is.EqualTo("Created (first try)"));
            Assert.That(steps[2].Detail, Is.EqualTo("HTTP 500"));
            Assert.That(steps[3].Title, Is.EqualTo("Next retry (#1)"));
            Assert.That(steps[3].At, Is.EqualTo(T0.AddSeconds(62)), "the retry is due when its delay ends");
            Assert.That(steps[3].AttemptId, Is.EqualTo(retry.RequestAttemptId));
            Assert.That(steps[3].Future, Is.True);
            Assert.That(steps[3].ScheduledAt, Is.EqualTo(T0.AddSeconds(2)), "an instant, written by the page in the user's zone");
            Assert.That(steps[3].Detail, Does.StartWith("now ").And.Not.Contain("UTC"));
        });
    }

    [Test]
    public void A_waiting_retry_shows_its_wait_and_a_final_failure_says_no_retry_follows()
    {
        var waiting = Attempt(2, T0, delay: T0.AddMinutes(5), now: T0.AddMinutes(1));
        var waitingSteps = AttemptTimeline.Build(waiting, [waiting], null, T0.AddMinutes(1));
        var last = Attempt(3, T0, picked: T0.AddMinutes(5), failed: T0.AddMinutes(6));
        var lastSteps = AttemptTimeline.Build(last, [last], null, T0.AddHours(1));
        var ok = Attempt(0, T0, picked: T0, succeeded: T0.AddSeconds(1), http: 200);

        Assert.Multiple(() =>
        {
            Assert.That(waitingSteps.Select(s => (s.Kind, s.Title)), Is.EqualTo(new[] { ("created", "Created (retry #2)"), ("waiting", "Waiting until") }));
            Assert.That(waitingSteps[1].Future, Is.True);
            Assert.That(lastSteps.Select(s => s.Kind), Is.EqualTo(new[] { "created", "picked", "failed", "no-retry" }));
            Assert.That(lastSteps[2].Detail, Is.EqualTo("No HTTP answer"));
            Assert.That(AttemptTimeline.Build(ok, [ok], 200, T0.AddHours(1)).Select(s => s.Kind), Is.EqualTo(new[] { "created", "picked", "answered" }));
        });
    }

    [Test]
    public void A_dead_letter_sent_again_by_hand_is_the_next_step()
    {
        var dead = Attempt(3, T0, picked: T0, failed: T0.AddSeconds(1));
        var again = Attempt(0, T0.AddMinutes(10));
        var steps = AttemptTimeline.Build(dead, [again, dead], null, T0.AddMinutes(11));
        Assert.That((steps[^1].Kind, steps[^1].Title), Is.EqualTo(("next-retry", "Sent again by hand")));
    }

    [Test]
    public void A_json_body_is_pretty_printed()
    {
        var view = ResponseBodyView.Of("{\"error\":\"boom\",\"n\":[1,2]}", new Dictionary<string, string> { ["Content-Type"] = "application/json" });
        Assert.Multiple(() =>
        {
            Assert.That(view.Kind, Is.EqualTo("json"));
            Assert.That(view.Text, Is.EqualTo("{\n  \"error\": \"boom\",\n  \"n\": [\n    1,\n    2\n  ]\n}").Or.EqualTo("{\r\n  \"error\": \"boom\",\r\n  \"n\": [\r\n    1,\r\n    2\r\n  ]\r\n}"));
        });
    }

    [Test]
    public void Text_stays_text_even_when_it_looks_like_base64()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ResponseBodyView.Of("boom", null), Is.EqualTo(new ResponseBodyView("text", "boom", null, 4)), "a short word is not taken for base64");
            Assert.That(ResponseBodyView.Of("boom", new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream" }).Kind, Is.EqualTo("binary"),
                "declared binary, and not UTF-8 once decoded");
            Assert.That(ResponseBodyView.Of("SGVsbG8=", null).Kind, Is.EqualTo("text"), "decodes to valid UTF-8, so the server would have sent the text itself");
            Assert.That(ResponseBodyView.Of("{not json", null).Kind, Is.EqualTo("text"));
            Assert.That(ResponseBodyView.Of(null, null).Kind, Is.EqualTo("empty"));
            Assert.That(ResponseBodyView.Of("", null).Kind, Is.EqualTo("empty"));
        });
    }

    [Test]
    public void A_binary_body_is_a_hex_dump_and_keeps_its_base64_for_copying()
    {
        byte[] bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46];
        var base64 = Convert.ToBase64String(bytes);

        var view = ResponseBodyView.Of(base64, new Dictionary<string, string> { ["content-type"] = "image/png" });

        Assert.Multiple(() =>
        {
            Assert.That(view.Kind, Is.EqualTo("binary"));
            Assert.That(view.Base64, Is.EqualTo(base64));
            Assert.That(view.Bytes, Is.EqualTo(17));
            Assert.That(view.Text, Is.EqualTo(
                "00000000  89 50 4e 47 0d 0a 1a 0a ff fe 00 41 42 43 44 45  .PNG.......ABCDE\n" +
                "00000010  46                                               F"));
            Assert.That(ResponseBodyView.Of(base64, new Dictionary<string, string> { ["content-type"] = "text/plain" }).Kind, Is.EqualTo("text"),
                "declared text is shown as the text it is");
        });
    }

    [Test]
    public void A_long_binary_body_is_cut_in_the_dump()
    {
        var bytes = Enumerable.Range(0, ResponseBodyView.HexLimit + 100).Select(i => (byte)(i % 2 == 0 ? 0xff : 0xfe)).ToArray();
        var view = ResponseBodyView.Of(Convert.ToBase64String(bytes), null);
        Assert.That(view.Text, Does.EndWith("… 100 more bytes"));
        Assert.That(view.Text.Split('\n'), Has.Length.EqualTo(ResponseBodyView.HexLimit / 16 + 1));
    }

    [TestCase("E_HTTP", "status outside 2xx")]
    [TestCase("E_TIMEOUT", "timeout")]
    [TestCase("E_CONNECTION", "connection")]
    [TestCase("E_DNS", "resolved")]
    [TestCase("E_INVALID_TARGET", "forbidden address")]
    [TestCase("E_INVALID_HEADER", "not retried")]
    [TestCase("E_UNKNOWN", "unexpected")]
    [TestCase("E_SOMETHING_NEW", "E_SOMETHING_NEW")]
    public void Error_classes_are_explained(string name, string words)
        => Assert.That(ErrorClasses.Explain(name), Does.Contain(words));

    [Test]
    public void A_filter_becomes_the_list_query_the_dead_letter_query_and_the_bulk_retry()
    {
        var caller = new Caller(CallerKind.User);
        var app = Guid.NewGuid();
        var subscription = Guid.NewGuid();
        var filter = new LogFilter(subscription, "billing.invoice.paid", "failed", "2026-11-01T10:00", "2026-11-02T10:30");

        var list = filter.ToAttemptsQuery(caller, app, "cursor");
        var letters = filter.ToDeadLettersQuery(caller, app, "cursor");
        var retry = filter.ToRetryCommand(caller, app, dryRun: true);

        var from = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 11, 2, 10, 30, 0, DateTimeKind.Utc);
        Assert.Multiple(() =>
        {
            Assert.That(filter.Problem, Is.Null);
            Assert.That((list.ApplicationId, list.SubscriptionId, list.MinCreatedAt, list.MaxCreatedAt, list.PaginationCursor, list.EventId), Is.EqualTo((app, (Guid?)subscription, (DateTime?)from, (DateTime?)to, "cursor", (Guid?)null)));
            Assert.That(list.MinCreatedAt!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(list.EventTypeNames, Is.EqualTo(new[] { "billing.invoice.paid" }));
            Assert.That(list.Statuses, Is.EqualTo(new[] { "failed" }));
            Assert.That((letters.SubscriptionId, letters.From, letters.To, letters.Cursor), Is.EqualTo(((Guid?)subscription, (DateTime?)from, (DateTime?)to, "cursor")));
            Assert.That(letters.EventTypeNames, Is.EqualTo(new[] { "billing.invoice.paid" }));
            Assert.That((retry.SubscriptionId, retry.From, retry.To, retry.DryRun, retry.AttemptId), Is.EqualTo(((Guid?)subscription, (DateTime?)from, (DateTime?)to, true, (Guid?)null)));
            Assert.That(retry.EventTypeNames, Is.EqualTo(new[] { "billing.invoice.paid" }));
        });
    }

    [Test]
    public void An_empty_filter_asks_for_everything()
    {
        var list = LogFilter.None.ToAttemptsQuery(new Caller(CallerKind.User), Guid.NewGuid(), null);
        Assert.Multiple(() =>
        {
            Assert.That(LogFilter.None.IsEmpty, Is.True);
            Assert.That(new LogFilter(EventType: " ").IsEmpty, Is.True);
            Assert.That((list.SubscriptionId, list.MinCreatedAt, list.MaxCreatedAt, list.Statuses), Is.EqualTo(((Guid?)null, (DateTime?)null, (DateTime?)null, (IReadOnlyList<string>?)null)));
            Assert.That(list.EventTypeNames, Is.Empty);
        });
    }

    [TestCase("yesterday", null, "'yesterday' is not a date and time")]
    [TestCase(null, "2026-13-01T00:00", "'2026-13-01T00:00' is not a date and time")]
    [TestCase("2026-11-02T00:00", "2026-11-01T00:00", "The start of the time range is after its end.")]
    public void A_bad_time_range_is_explained(string? from, string? to, string message)
        => Assert.That(new LogFilter(From: from, To: to).Problem, Does.StartWith(message));

    [Test]
    public void An_unknown_status_is_explained()
        => Assert.That(new LogFilter(Status: "exploded").Problem, Is.EqualTo("Unknown status 'exploded'."));

    [Test]
    public void Paging_goes_older_and_back_newer_with_the_cursors_it_kept()
    {
        var pager = new KeysetPager { Next = "c1" };
        Assert.That((pager.OnFirstPage, pager.HasNewer, pager.HasOlder, pager.PageNumber), Is.EqualTo((true, false, true, 1)));

        pager.Older();
        Assert.That((pager.Current, pager.PageNumber, pager.HasOlder), Is.EqualTo(("c1", 2, false)));
        pager.Next = "c2";
        pager.Older();
        Assert.That((pager.Current, pager.PageNumber), Is.EqualTo(("c2", 3)));

        pager.Newer();
        Assert.That((pager.Current, pager.PageNumber), Is.EqualTo(("c1", 2)));
        pager.Newer();
        Assert.That((pager.Current, pager.OnFirstPage, pager.PageNumber), Is.EqualTo(((string?)null, true, 1)));
        pager.Older();
        Assert.That(pager.OnFirstPage, Is.True, "no older page known: stays");
    }

    [Test]
    public void A_live_reload_marks_new_rows_and_rows_whose_status_moved()
    {
        var stays = Attempt(0, T0, picked: T0, succeeded: T0.AddSeconds(1), http: 200);
        var moving = Attempt(0, T0.AddSeconds(1), picked: T0.AddSeconds(1));
        var moved = moving with { FailedAt = T0.AddSeconds(2), HttpResponseStatus = 500, Status = new AttemptStatusDto("failed", At: T0.AddSeconds(2)) };
        var arrived = Attempt(1, T0.AddSeconds(3));

        var changed = RowChanges.Changed([moving, stays], [arrived, moved, stays]);

        Assert.That(changed, Is.EquivalentTo(new[] { arrived.RequestAttemptId, moving.RequestAttemptId }));
    }

    [Test]
    public void The_hint_counts_rows_above_the_one_that_topped_the_first_page()
    {
        var a = Attempt(0, T0.AddSeconds(3));
        var b = Attempt(0, T0.AddSeconds(2));
        var c = Attempt(0, T0.AddSeconds(1));
        Assert.Multiple(() =>
        {
            Assert.That(RowChanges.NewerThan([a, b, c], c.RequestAttemptId), Is.EqualTo(2));
            Assert.That(RowChanges.NewerThan([a, b, c], a.RequestAttemptId), Is.EqualTo(0));
            Assert.That(RowChanges.NewerThan([a, b], c.RequestAttemptId), Is.EqualTo(2), "pushed off the page: at least a page of new rows");
        });
    }

    [Test]
    public void Re_queued_dead_letters_stay_in_place_among_the_fresh_page()
    {
        var newest = Attempt(0, T0.AddMinutes(3), failed: T0.AddMinutes(3));
        var requeued = Attempt(0, T0.AddMinutes(2), failed: T0.AddMinutes(2));
        var oldest = Attempt(0, T0.AddMinutes(1), failed: T0.AddMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(DeadLetterRows.Merge([newest, oldest], [requeued]), Is.EqualTo(new[] { newest, requeued, oldest }));
            Assert.That(DeadLetterRows.Merge([newest, requeued], [requeued]), Is.EqualTo(new[] { newest, requeued }), "never twice");
            Assert.That(DeadLetterRows.Gone([newest, requeued, oldest], [newest, oldest]), Is.EqualTo(new[] { requeued }));
        });
    }

    [Test]
    public void Times_print_in_utc_and_durations_in_readable_units()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Times.Utc(null), Is.EqualTo("—"));
            Assert.That(Times.Utc(T0), Is.EqualTo("2026-11-01 12:00:00 UTC"));
            Assert.That(Times.Duration(250), Is.EqualTo("250 ms"));
            Assert.That(Times.Duration(61_500), Is.EqualTo("1 min 1 s"));
            Assert.That(Times.Duration(7_260_000), Is.EqualTo("2 h 1 min"));
        });
    }
}
