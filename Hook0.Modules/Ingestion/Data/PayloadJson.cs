namespace Hook0.Modules.Ingestion.Data;

/// <summary>
/// <c>event.payload_json(payload)</c> (migration <c>PayloadJsonFunction</c>): a stored payload's bytes as jsonb, or null
/// when they are not JSON PostgreSQL can read. The payload GIN index (migration <c>PayloadSearchIndex</c>) is built on
/// this very expression, so a query must call it, not an equivalent cast, for the planner to use the index.
/// </summary>
internal static class PayloadJson
{
    public const string FunctionName = "payload_json";

    /// <summary>Translated to SQL only (mapped in <see cref="IngestionDbContext"/>).</summary>
    public static string Of(byte[] payload) => throw new InvalidOperationException($"{nameof(PayloadJson)}.{nameof(Of)} runs in the database only.");
}
