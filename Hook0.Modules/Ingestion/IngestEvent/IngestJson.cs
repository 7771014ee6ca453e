using System.Text.Json;
using System.Text.Json.Serialization;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestBatch;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Source-generated metadata for the ingest routes' bodies and answers, first in the host's JSON
/// resolver chain (<see cref="IngestionModule"/>), so binding and writing them reflects over nothing.
/// Its options restate <c>Hook0Json</c>'s (the wire's conventions); the batch route reads each item with
/// them directly.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    MaxDepth = 32)]
[JsonSerializable(typeof(EventPost))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IngestedEventDto))]
[JsonSerializable(typeof(EventBatch))]
[JsonSerializable(typeof(IReadOnlyList<BatchItemResult>))]
internal sealed partial class IngestJson : JsonSerializerContext;
