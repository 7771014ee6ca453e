using System.Text.Json.Serialization;

namespace Hook0.Modules.Kernel.Errors;

/// <summary>The RFC 7807 body. <c>validation</c> is always present (null except for 422s), like upstream.</summary>
public sealed record ProblemDocument(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("validation")] IReadOnlyDictionary<string, object>? Validation);

[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(IReadOnlyList<ProblemDocument>))]
[JsonSerializable(typeof(List<ValidationFailureDocument>))]
[JsonSerializable(typeof(ValidationFailureDocument))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;

/// <summary>One field failure inside the <c>validation</c> member (upstream's validator error shape).</summary>
public sealed record ValidationFailureDocument(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("params")] IReadOnlyDictionary<string, object> Params);
