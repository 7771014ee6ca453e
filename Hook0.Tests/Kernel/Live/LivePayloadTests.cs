using Hook0.Modules.Kernel.Live;

namespace Hook0.Tests.Kernel.Live;

/// <summary>The NOTIFY payload of merged changes: split under PostgreSQL's limit, read back exactly.</summary>
public sealed class LivePayloadTests
{
    [Test]
    public void Many_applications_are_split_into_payloads_under_the_notify_limit_and_read_back()
    {
        var changes = Enumerable.Range(0, 1000)
            .Select(i => (Guid.NewGuid(), (int)(i % 3 == 0 ? LiveTopic.Events : LiveTopic.Attempts | LiveTopic.Subscriptions)))
            .ToList();

        var payloads = LiveUpdates.Payloads(changes).ToList();
        var parsed = payloads.SelectMany(LiveUpdates.Parse).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(payloads, Has.Count.GreaterThan(1));
            Assert.That(payloads.Select(p => System.Text.Encoding.UTF8.GetByteCount(p)), Has.All.LessThan(8000));
            Assert.That(parsed, Is.EqualTo(changes.Select(c => (c.Item1, (LiveTopic)c.Item2)).ToList()));
        });
    }

    [Test]
    public void Malformed_pairs_are_skipped_and_unknown_topic_bits_ignored()
    {
        var id = Guid.NewGuid();
        var parsed = LiveUpdates.Parse($"nonsense,{id:N}:x,:3,{id:N}:{(int)LiveTopic.Events | 64}").ToList();

        Assert.That(parsed, Is.EqualTo(new[] { (id, LiveTopic.Events) }));
    }
}
