namespace Hook0.Client;

/// <summary>The outcome of one event of a batch: ingested, or refused with a problem.</summary>
public sealed class BatchItemOutcome(Guid eventId, int status, Hook0ProblemException? problem)
{
    public Guid EventId { get; } = eventId;

    /// <summary>What a single <c>POST /event</c> would have answered (201 when ingested).</summary>
    public int Status { get; } = status;

    /// <summary>Null when ingested (or already ingested by an earlier attempt of this same send).</summary>
    public Hook0ProblemException? Problem { get; } = problem;

    public bool Ingested => Problem is null;
}
