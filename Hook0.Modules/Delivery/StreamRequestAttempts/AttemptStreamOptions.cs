using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.StreamRequestAttempts;

/// <summary>Bounds of the live tail of finished request attempts (<c>GET /request_attempts/stream</c>).</summary>
public sealed class AttemptStreamOptions
{
    [Setting("Live tail", "Seconds between two heartbeats of an open request-attempt stream (each also re-checks the caller's access)")]
    [ConfigurationKeyName("ATTEMPT_STREAM_HEARTBEAT_SECONDS")]
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;

    [Setting("Live tail", "Seconds after which a request-attempt stream is closed (the client resumes with Last-Event-ID)")]
    [ConfigurationKeyName("ATTEMPT_STREAM_MAX_SECONDS")]
    [Range(1, 86_400)]
    public int MaxSeconds { get; set; } = 3600;

    [Setting("Live tail", "Request-attempt streams one credential may hold open at once on an instance")]
    [ConfigurationKeyName("ATTEMPT_STREAM_MAX_PER_CREDENTIAL")]
    [Range(1, 1000)]
    public int MaxPerCredential { get; set; } = 5;

    [Setting("Live tail", "Request-attempt streams an instance holds open at once")]
    [ConfigurationKeyName("ATTEMPT_STREAM_MAX_PER_INSTANCE")]
    [Range(1, 100_000)]
    public int MaxPerInstance { get; set; } = 1000;

    /// <summary>
    /// A recording transaction stamps <c>completed_at</c> with its start and becomes visible at its commit: the stream
    /// stays behind the oldest writing transaction and this margin, so that no attempt appears behind its cursor.
    /// </summary>
    [Setting("Live tail", "Milliseconds a request-attempt stream stays behind the newest finished attempts, so that none still being committed is skipped")]
    [ConfigurationKeyName("ATTEMPT_STREAM_LAG_MS")]
    [Range(0, 60_000)]
    public int LagMs { get; set; } = 500;
}
