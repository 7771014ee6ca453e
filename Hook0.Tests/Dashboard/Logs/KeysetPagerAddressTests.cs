using Hook0.Modules.Dashboard.Logs;

namespace Hook0.Tests.Dashboard.Logs;

/// <summary>The paging position goes into the address and comes back from it: the same page, and "newer" still walks back.</summary>
public sealed class KeysetPagerAddressTests
{
    [Test]
    public void A_position_written_to_the_address_is_restored_with_the_pages_above_it()
    {
        var pager = new KeysetPager { Next = "c1" };
        pager.Older();
        pager.Next = "c2";
        pager.Older();
        pager.Next = "c3";
        pager.Older();

        var restored = new KeysetPager();
        restored.Restore(pager.Current, pager.AboveText);

        Assert.Multiple(() =>
        {
            Assert.That(pager.AboveText, Is.EqualTo("c1,c2"));
            Assert.That(restored.Current, Is.EqualTo("c3"));
            Assert.That(restored.PageNumber, Is.EqualTo(pager.PageNumber));
        });
        restored.Newer();
        Assert.That(restored.Current, Is.EqualTo("c2"));
        restored.Newer();
        restored.Newer();
        Assert.That(restored.OnFirstPage, Is.True);
    }

    [Test]
    public void The_first_page_writes_nothing_and_a_long_list_is_bounded()
    {
        var pager = new KeysetPager();
        Assert.That((pager.Current, pager.AboveText), Is.EqualTo(((string?)null, (string?)null)));

        pager.Restore("c", string.Join(",", Enumerable.Range(0, 500).Select(i => $"c{i}")));
        Assert.That(pager.PageNumber, Is.EqualTo(KeysetPager.MaxAbove + 2));
        pager.Restore(null, "c1,c2");
        Assert.That(pager.OnFirstPage, Is.True, "no cursor: the first page, whatever is above");
    }
}
