using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hook0.Modules.Kernel.Http;

/// <summary>The wire's JSON conventions: snake_case members, map keys untouched, strict about shape.</summary>
public static class Hook0Json
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        // Like serde on upstream: a missing required member or a null where a value is required
        // is a JsonPayload refusal, not a half-filled object.
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.MaxDepth = 32;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
