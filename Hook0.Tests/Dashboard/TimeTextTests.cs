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
}
