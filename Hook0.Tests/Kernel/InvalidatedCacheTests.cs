using Hook0.Modules.Kernel.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hook0.Tests.Kernel;

/// <summary>
/// The hot-path cache keeps its memory bounded: entries read once used to stay for the life of the
/// process (the full-size fuzzer's server ended above its 400 MB limit with thousands of compiled
/// payload schemas held that way).
/// </summary>
public sealed class InvalidatedCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    [Test]
    public async Task Expired_entries_are_swept_once_a_lifetime_has_passed()
    {
        var (cache, time) = Create(capacity: 1_000);
        for (var i = 0; i < 500; i++)
        {
            await cache.GetOrLoadAsync(i, Load, CancellationToken.None);
        }

        Assert.That(cache.Count, Is.EqualTo(500));
        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        await cache.GetOrLoadAsync(1_000, Load, CancellationToken.None);

        Assert.That(cache.Count, Is.EqualTo(1), "only the entry stored after the others expired is left");
    }

    [Test]
    public async Task Live_entries_never_exceed_the_capacity_and_reads_still_answer()
    {
        var (cache, _) = Create(capacity: 100);
        var loads = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var value = await cache.GetOrLoadAsync(i, (k, ct) => { loads++; return Load(k, ct); }, CancellationToken.None);
            Assert.That(value, Is.EqualTo($"value {i}"));
            Assert.That(cache.Count, Is.LessThanOrEqualTo(100));
        }

        Assert.That(loads, Is.EqualTo(1_000));
        Assert.That(await cache.GetOrLoadAsync(999, (k, ct) => { loads++; return Load(k, ct); }, CancellationToken.None), Is.EqualTo("value 999"));
        Assert.That(loads, Is.EqualTo(1_000), "a recent entry is still served from the cache");
    }

    [Test]
    public async Task Removing_and_clearing_keep_the_count()
    {
        var (cache, _) = Create(capacity: 100);
        await cache.GetOrLoadAsync(1, Load, CancellationToken.None);
        await cache.GetOrLoadAsync(2, Load, CancellationToken.None);

        cache.Remove(1);
        cache.Remove(1);
        Assert.That(cache.Count, Is.EqualTo(1));
        cache.Clear();
        Assert.That(cache.Count, Is.Zero);
    }

    private static Task<string> Load(int key, CancellationToken cancellationToken) => Task.FromResult($"value {key}");

    private static (InvalidatedCache<int, string> Cache, FakeTimeProvider Time) Create(int capacity)
    {
        var time = new FakeTimeProvider();
        // The hub is never started: these tests exercise the cache alone.
        var hub = new PgNotificationHub(NpgsqlDataSource.Create("Host=127.0.0.1"), NullLogger<PgNotificationHub>.Instance);
        var cache = new InvalidatedCache<int, string>(hub, time, Ttl, "test", (string text, out int key) => int.TryParse(text, out key), capacity);
        return (cache, time);
    }
}
