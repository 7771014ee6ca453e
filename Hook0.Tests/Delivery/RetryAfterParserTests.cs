using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Tests.Delivery;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromHours(10);

    [TestCase("120", 120)]
    [TestCase(" 0 ", 0)]
    [TestCase("35999", 35999)]
    [TestCase("36001", 36000)]
    [TestCase("99999999999999999999999999", 36000)]
    public void Delta_seconds_are_read_and_capped(string value, int expectedSeconds)
    {
        Assert.That(RetryAfterParser.Parse(value, Now, Cap), Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [TestCase("Sat, 28 Nov 2026 12:01:30 GMT", 90)]
    [TestCase("Saturday, 28-Nov-26 12:01:30 GMT", 90)]
    [TestCase("Sat Nov 28 12:01:30 2026", 90)]
    [TestCase("Sun, 29 Nov 2026 12:00:00 GMT", 36000)]
    [TestCase("Sat, 28 Nov 2026 11:00:00 GMT", 0)]
    public void Http_dates_become_the_wait_until_then(string value, int expectedSeconds)
    {
        Assert.That(RetryAfterParser.Parse(value, Now, Cap), Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("soon")]
    [TestCase("-5")]
    [TestCase("1.5")]
    public void Anything_else_is_no_hint(string? value)
    {
        Assert.That(RetryAfterParser.Parse(value, Now, Cap), Is.Null);
    }
}
