using Hook0.Modules.Dashboard.Logs;

namespace Hook0.Tests.Dashboard.Logs;

/// <summary>One spelling of a try on every page.</summary>
public sealed class TryLabelTests
{
    [TestCase(0, "first try", "First try")]
    [TestCase(1, "retry #1", "Retry #1")]
    [TestCase(12, "retry #12", "Retry #12")]
    public void A_try_is_first_then_numbered_retries(int retryCount, string label, string title)
        => Assert.That((TryLabel.Of(retryCount), TryLabel.Title(retryCount)), Is.EqualTo((label, title)));
}
