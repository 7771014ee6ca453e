namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary>
/// Evaluation of a payload against its schema stopped at a bound (time or nesting): the payload is
/// refused naming where, instead of the evaluation running on.
/// </summary>
internal sealed class SchemaLimitException(string path, string message, bool timedOut) : Exception(message)
{
    /// <summary>The time budget ran out (as opposed to the nesting bound).</summary>
    public bool TimedOut { get; } = timedOut;

    /// <summary>JSON Pointer into the payload ("/" for the root) where evaluation stopped.</summary>
    public string Path { get; } = path;
}
