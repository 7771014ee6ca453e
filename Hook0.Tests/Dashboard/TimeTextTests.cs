using Hook0.Modules.Dashboard.Common;

namespace Hook0.Tests.Dashboard;

/// <summary>An instant in the user's zone with its offset, UTC for the hover title, ISO-8601 with offset for copies.</summary>
public sealed class TimeTextTests
{
    private static readonly DateTime Instant = new(2026, 1, 31, 14, 45, 7, DateTimeKind.Utc);

    [TestCase("America/New_York", "2026-01-31 09:45:07 -05:00")]
    [TestCase("Asia/Kolkata", "2026-01-31 20:15:07 +05:30")]
    [TestCase("UTC", "2026-01-31 14:45:07 +00:00")]
    public void Local_time_carries_the_zones_offset(string zone, string expected)
        => Assert.That(TimeText.Local(Instant, TimeZoneInfo.FindSystemTimeZoneById(zone)), Is.EqualTo(expected));

    [Test]
    public void Title_is_utc_and_the_machine_form_is_iso_with_offset()
    {
        Assert.That(TimeText.Utc(Instant), Is.EqualTo("2026-01-31 14:45:07 UTC"));
        Assert.That(TimeText.Iso(Instant), Is.EqualTo("2026-01-31T14:45:07.0000000+00:00"));
        Assert.That(TimeText.Iso(DateTime.SpecifyKind(Instant, DateTimeKind.Unspecified)), Is.EqualTo("2026-01-31T14:45:07.0000000+00:00"), "the server's times are UTC whatever their kind");
    }

    [TestCase("America/New_York", "2026-01-31T09:45", "2026-01-31T14:45")]
    [TestCase("Asia/Kolkata", "2026-01-31T20:15", "2026-01-31T14:45")]
    [TestCase("America/New_York", "2026-07-01T09:45:30", "2026-07-01T13:45:30")] // summer: -04:00, seconds kept
    [TestCase("Europe/Paris", "2026-03-29T02:30", "2026-03-29T01:30")] // the hour clocks skip: read at the offset before it (+01:00)
    [TestCase("UTC", "2026-01-31T14:45", "2026-01-31T14:45")]
    public void A_time_typed_in_the_users_zone_is_held_in_utc_and_shown_back_as_typed(string zone, string typed, string utc)
    {
        var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
        Assert.That(TimeText.InputToUtc(typed, info), Is.EqualTo(utc));
        if (!info.IsInvalidTime(DateTime.Parse(typed, System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.That(TimeText.UtcToInput(utc, info), Is.EqualTo(typed[..16]), "and back, to the minute as the input shows it");
        }
    }

    [TestCase("")]
    [TestCase("yesterday")]
    public void Text_that_is_not_a_time_is_left_for_the_filter_to_explain(string text)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        Assert.Multiple(() =>
        {
            Assert.That(TimeText.InputToUtc(text, zone), Is.EqualTo(text));
            Assert.That(TimeText.UtcToInput(text, zone), Is.EqualTo(text));
        });
    }
}
