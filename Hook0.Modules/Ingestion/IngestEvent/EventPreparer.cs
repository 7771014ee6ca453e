using System.Net;
using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Everything between field validation and the insert, in upstream's order: content type, payload
/// decoding, the event type's existence, then (beyond upstream) its payload schema. The daily quota
/// is the group commit's: once per group and application, not once per event (<see cref="DailyEventQuota"/>).
/// </summary>
internal sealed class EventPreparer(EventTypeCatalog catalog, PayloadSearchApplications payloadSearch)
{
    public async Task<PreparedEvent> PrepareAsync(EventPost e, IPAddress? ip, CancellationToken cancellationToken)
    {
        if (!PayloadContentTypes.All.Contains(e.PayloadContentType))
        {
            throw Problems.EventInvalidPayloadContentType.ToException();
        }

        var payload = PayloadDecoder.Decode(e.PayloadContentType, e.Payload);
        var type = await catalog.FindAsync(e.ApplicationId, e.EventType, cancellationToken)
            ?? throw Problems.EventTypeDoesNotExist.With($"The event type '{e.EventType}' does not exist for this application.");
        if (type.Schema is not null && e.PayloadContentType == PayloadContentTypes.Json)
        {
            PayloadSchemas.EnsureConforms(type.Schema, payload);
        }

        return new PreparedEvent(
            e.EventId ?? Guid.CreateVersion7(),
            e.ApplicationId,
            e.EventType,
            payload,
            e.PayloadContentType,
            ip,
            e.Metadata is null ? null : JsonSerializer.Serialize(e.Metadata, IngestJson.Default.DictionaryStringString),
            e.OccurredAt.UtcDateTime,
            JsonSerializer.Serialize(e.Labels, IngestJson.Default.DictionaryStringString),
            Searchable: e.PayloadContentType == PayloadContentTypes.Json && await payloadSearch.IsOnAsync(e.ApplicationId, cancellationToken));
    }
}
