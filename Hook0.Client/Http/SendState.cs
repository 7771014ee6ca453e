using Microsoft.Kiota.Abstractions;

namespace Hook0.Client.Http;

/// <summary>
/// Travels with one facade call through Kiota onto the HttpRequestMessage (Kiota copies request options there), so
/// the per-attempt handler can count attempts and keep the last problem body Kiota would otherwise discard.
/// </summary>
internal sealed class SendState : IRequestOption
{
    private int _attempts;

    /// <summary>Whether repeating the request after a lost answer is harmless (an event send with its id fixed).</summary>
    public bool Idempotent { get; set; }

    public int Attempts => Volatile.Read(ref _attempts);

    public string? ProblemBody { get; set; }

    public int Status { get; set; }

    public void CountAttempt() => Interlocked.Increment(ref _attempts);
}
