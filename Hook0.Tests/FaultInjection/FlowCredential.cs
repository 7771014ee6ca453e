namespace Hook0.Tests.FaultInjection;

/// <summary>
/// A credential the event flow ingests with (an application secret or a service token) for one
/// application; <see cref="Valid"/> false marks the ones the suite spoiled on purpose, which must be
/// refused with 401 or 403 and are the only ones that may be.
/// </summary>
internal sealed record FlowCredential(string? Bearer, Guid ApplicationId, string EventType, bool Valid, string Kind)
{
    /// <summary>The same target with a credential that cannot be right: one character changed, cut short, or absent.</summary>
    public FlowCredential Spoiled(Random random) => random.Next(3) switch
    {
        0 => this with { Bearer = Bearer is { Length: > 1 } b ? b[..^1] + (b[^1] == 'a' ? 'b' : 'a') : "x", Valid = false },
        1 => this with { Bearer = Bearer is { Length: > 8 } b ? b[..(b.Length / 2)] : "x", Valid = false },
        _ => this with { Bearer = null, Valid = false },
    };
}
