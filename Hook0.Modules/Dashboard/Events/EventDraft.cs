using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Dashboard.Events;

/// <summary>What the composer holds: turned into the ingest body, and shown as snippets.</summary>
public sealed class EventDraft
{
    public string EventType { get; set; } = "";

    public string ContentType { get; set; } = PayloadContentTypes.Json;

    public string Payload { get; set; } = "{\n  \n}";

    public List<KeyValueRow> Labels { get; } = [new KeyValueRow()];

    /// <summary>Rows with a key, in order; a repeated key keeps its last value (as a JSON object would).</summary>
    public Dictionary<string, string> LabelMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Labels.Where(r => r.Key.Trim().Length > 0))
        {
            map[row.Key.Trim()] = row.Value;
        }

        return map;
    }

    public EventPost ToPost(Guid applicationId, DateTimeOffset occurredAt)
        => new(applicationId, EventType, Payload, ContentType, occurredAt, LabelMap());
}
