using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// What the group commit did with one event: stored (with its attempts), refused by the daily quota
/// (checked once per group for each application), or not stored because its id was already ingested.
/// </summary>
internal readonly record struct StoreOutcome(IngestedEventDto? Stored, ProblemException? Refusal)
{
    public static StoreOutcome AlreadyIngested => default;

    /// <summary>The answer a single <c>POST /event</c> gives: the stored event, or its refusal (409 for a taken id).</summary>
    public IngestedEventDto StoredOrThrow() => Stored ?? throw (Refusal ?? Problems.EventAlreadyIngested.ToException());
}
