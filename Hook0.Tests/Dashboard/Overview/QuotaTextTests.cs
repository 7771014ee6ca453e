using Hook0.Modules.Dashboard.Overview;

namespace Hook0.Tests.Dashboard.Overview;

/// <summary>Quotas read as people read them: no raw 2147483647 for "no limit".</summary>
public sealed class QuotaTextTests
{
    [TestCase(int.MaxValue, null, "unlimited")]
    [TestCase(0, null, "unlimited")]
    [TestCase(-1, "days", "unlimited")]
    [TestCase(10000, null, "10,000")]
    [TestCase(7, "days", "7 days")]
    public void A_limit_is_a_number_or_unlimited(int limit, string? unit, string expected)
        => Assert.That(ChartShaping.LimitText(limit, unit), Is.EqualTo(expected));
}
