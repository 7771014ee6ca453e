using System.Text.Json;
using System.Text.Json.Serialization;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.OpenApi;

namespace Hook0.Modules.Ingestion.IngestBatch;

/// <summary>Up to 100 events, each as <c>POST /event</c> takes it; each is answered in its own item of the 207.</summary>
// Each element is read as an event straight from the request's bytes, once. Binding a JsonElement[] (as before) parsed
// every element into its own copied document and then read it a second time; at 100 events of 1 KiB that was the
// largest part of the batch route's CPU beyond the bare endpoint's (ADR 0017). An element of the wrong shape is kept
// as its error; malformed JSON still refuses the whole request, as the framework's binding did.
[JsonConverter(typeof(EventBatchConverter))]
[OpenApiArrayOf(typeof(EventPost))]
public sealed class EventBatch(IReadOnlyList<BatchItem> items, int count)
{
    public IReadOnlyList<BatchItem> Items { get; } = items;

    /// <summary>How many elements the array had: beyond <see cref="IngestBatchCommand.MaxItems"/> they were skipped, not read.</summary>
    public int Count { get; } = count;
}

/// <summary>One element of the batch: the event, or why it is not one (<c>null</c> element, wrong shape).</summary>
public readonly record struct BatchItem(EventPost? Event, string? ShapeError);

internal sealed class EventBatchConverter : JsonConverter<EventBatch>
{
    public override EventBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The body must be a JSON array of events.");
        }

        // The serializer has buffered the whole array before calling a converter, so an element can be read again.
        var items = new List<BatchItem>();
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (count > IngestBatchCommand.MaxItems)
            {
                SkipElement(ref reader); // refused whole by its count: no need to read it
                continue;
            }

            var start = reader;
            try
            {
                items.Add(new BatchItem(JsonSerializer.Deserialize(ref reader, IngestJson.Default.EventPost), null));
            }
            catch (JsonException e)
            {
                // A shape error (a field of the wrong type, a missing one): this element only. Invalid JSON fails Skip too.
                reader = start;
                SkipElement(ref reader);
                items.Add(new BatchItem(null, e.Message));
            }
        }

        return new EventBatch(items, count);
    }

    // TrySkip, not Skip: the reader handed to a converter may not be marked final though the whole array is buffered.
    private static void SkipElement(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The batch ended inside an event.");
        }
    }

    public override void Write(Utf8JsonWriter writer, EventBatch value, JsonSerializerOptions options)
        => throw new NotSupportedException("A batch is only read.");
}
