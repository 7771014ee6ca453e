using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Dashboard.EventTypes;

/// <summary>
/// The payload the dashboard offers for a test event of a type: the type's own example, else its schema's
/// first <c>examples</c> entry, else a minimal instance built from the schema. The builder covers the cheap
/// keywords (type, const, enum, required properties, string/array lengths, numeric bounds, formats, local
/// <c>$ref</c>, the first branch of anyOf/oneOf, allOf merged); what it cannot satisfy (a <c>pattern</c>, say)
/// the ingest check reports before sending, and the user edits. Bounded in depth and size: a schema is user input.
/// </summary>
public static class SamplePayload
{
    public const int MaxDepth = 12;
    public const int MaxNodes = 500;
    public const int MaxStringLength = 256;
    public const int MaxArrayItems = 16;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The suggested payload, indented, and where it came from ("example", "schema examples", "generated", "default").</summary>
    public static (string Json, string Source) For(EventTypeDto? type)
    {
        if (type?.Example is { } example)
        {
            return (JsonSerializer.Serialize(example, Indented), "example");
        }

        if (type?.Schema is not { } schema)
        {
            return ("{\n  \"test\": true\n}", "default");
        }

        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("examples", out var examples)
            && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
        {
            return (JsonSerializer.Serialize(examples[0], Indented), "schema examples");
        }

        var generated = Generate(schema);
        return (generated is null ? "null" : generated.ToJsonString(Indented), "generated");
    }

    /// <summary>A minimal instance of <paramref name="schema"/> (null is also JSON null).</summary>
    public static JsonNode? Generate(JsonElement schema) => new Builder(schema).Build(schema, 0);

    private sealed class Builder(JsonElement root)
    {
        private int _nodes;

        public JsonNode? Build(JsonElement schema, int depth)
        {
            if (++_nodes > MaxNodes || depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
            {
                // true, false or an exhausted budget: an empty object is the cheapest guess for an event payload.
                return depth == 0 ? new JsonObject() : null;
            }

            schema = Merged(Resolved(schema));
            if (schema.TryGetProperty("const", out var constant))
            {
                return JsonNode.Parse(constant.GetRawText());
            }

            if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                return JsonNode.Parse(choices[0].GetRawText());
            }

            if (schema.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
            {
                return JsonNode.Parse(examples[0].GetRawText());
            }

            foreach (var branch in (string[])["anyOf", "oneOf"])
            {
                if (schema.TryGetProperty(branch, out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
                {
                    return Build(options[0], depth + 1);
                }
            }

            return TypeOf(schema) switch
            {
                "object" => Object(schema, depth),
                "array" => Array(schema, depth),
                "string" => JsonValue.Create(Text(schema)),
                "integer" => JsonValue.Create((long)Number(schema, integer: true)),
                "number" => JsonValue.Create(Number(schema, integer: false)),
                "boolean" => JsonValue.Create(false),
                _ => null,
            };
        }

        /// <summary>A local reference (<c>#/$defs/x</c>, <c>#/definitions/x</c>, <c>#</c>) replaced by its target; others left as they are.</summary>
        private JsonElement Resolved(JsonElement schema)
        {
            for (var hops = 0; hops < MaxDepth && schema.ValueKind == JsonValueKind.Object
                && schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer && pointer.StartsWith('#'); hops++)
            {
                var target = root;
                foreach (var part in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    var name = Uri.UnescapeDataString(part).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                    if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
                    {
                        return schema;
                    }
                }

                schema = target;
            }

            return schema;
        }

        /// <summary>allOf folded into one schema: properties and required united, other keywords first one wins.</summary>
        private JsonElement Merged(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("allOf", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                return schema;
            }

            var merged = new JsonObject();
            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (var part in new[] { schema }.Concat(parts.EnumerateArray().Take(MaxArrayItems).Select(Resolved)))
            {
                if (part.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var keyword in part.EnumerateObject().Where(k => k.Name != "allOf"))
                {
                    if (keyword.Name == "properties" && keyword.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in keyword.Value.EnumerateObject().Where(p => !properties.ContainsKey(p.Name)))
                        {
                            properties[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                        }
                    }
                    else if (keyword.Name == "required" && keyword.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var name in keyword.Value.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String))
                        {
                            required.Add(name.GetString());
                        }
                    }
                    else if (!merged.ContainsKey(keyword.Name))
                    {
                        merged[keyword.Name] = JsonNode.Parse(keyword.Value.GetRawText());
                    }
                }
            }

            merged["properties"] = properties;
            merged["required"] = required;
            return JsonSerializer.SerializeToElement(merged);
        }

        private static string? TypeOf(JsonElement schema)
        {
            if (schema.TryGetProperty("type", out var type))
            {
                return type.ValueKind switch
                {
                    JsonValueKind.String => type.GetString(),
                    // Several types allowed: the first that is not null gives a more useful sample.
                    JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null",
                    _ => null,
                };
            }

            return schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _) ? "object"
                : schema.TryGetProperty("items", out _) || schema.TryGetProperty("prefixItems", out _) ? "array"
                : schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("format", out _) ? "string"
                : schema.TryGetProperty("minimum", out _) || schema.TryGetProperty("maximum", out _) ? "number"
                : "object";
        }

        private JsonObject Object(JsonElement schema, int depth)
        {
            var instance = new JsonObject();
            if (!schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
            {
                return instance;
            }

            schema.TryGetProperty("properties", out var properties);
            foreach (var name in required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).Distinct().Take(MaxNodes))
            {
                var property = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var p) ? p
                    : schema.TryGetProperty("additionalProperties", out var additional) ? additional
                    : default;
                instance[name] = property.ValueKind == JsonValueKind.Undefined ? JsonValue.Create("") : Build(property, depth + 1);
            }

            return instance;
        }

        private JsonArray Array(JsonElement schema, int depth)
        {
            var instance = new JsonArray();
            var prefix = schema.TryGetProperty("prefixItems", out var p) && p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().ToList() : [];
            var count = Math.Max(Bound(schema, "minItems", 0, MaxArrayItems), 0);
            schema.TryGetProperty("items", out var items);
            for (var i = 0; i < count; i++)
            {
                instance.Add(Build(i < prefix.Count ? prefix[i] : items.ValueKind == JsonValueKind.Undefined ? default : items, depth + 1));
            }

            return instance;
        }

        private static string Text(JsonElement schema)
        {
            var sample = schema.TryGetProperty("format", out var format) ? format.GetString() switch
            {
                "date-time" => "2026-01-01T00:00:00Z",
                "date" => "2026-01-01",
                "time" => "00:00:00Z",
                "email" => "user@example.com",
                "uri" or "url" or "iri" => "https://example.com/",
                "uuid" => "00000000-0000-0000-0000-000000000000",
                "ipv4" => "192.0.2.1",
                "ipv6" => "2001:db8::1",
                "hostname" => "example.com",
                _ => "",
            } : "";
            var min = Bound(schema, "minLength", 0, MaxStringLength);
            var max = Bound(schema, "maxLength", MaxStringLength, MaxStringLength);
            if (sample.Length < min)
            {
                sample = sample.PadRight(min, 'a');
            }

            return sample.Length > max ? sample[..max] : sample;
        }

        private static double Number(JsonElement schema, bool integer)
        {
            var low = Read(schema, "minimum");
            if (Read(schema, "exclusiveMinimum") is { } above)
            {
                low = Math.Max(low ?? double.MinValue, Next(above, integer));
            }

            var high = Read(schema, "maximum");
            if (Read(schema, "exclusiveMaximum") is { } below)
            {
                high = Math.Min(high ?? double.MaxValue, Previous(below, integer));
            }

            var value = low ?? (high is { } h && h < 0 ? h : 0);
            if (Read(schema, "multipleOf") is { } step && step > 0)
            {
                value = Math.Ceiling(value / step) * step;
            }

            value = integer ? Math.Ceiling(value) : value;
            return double.IsFinite(value) ? value : 0;
        }

        private static double Next(double bound, bool integer) => integer ? Math.Floor(bound) + 1 : bound + 1;

        private static double Previous(double bound, bool integer) => integer ? Math.Ceiling(bound) - 1 : bound - 1;

        private static double? Read(JsonElement schema, string keyword)
            => schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

        private static int Bound(JsonElement schema, string keyword, int fallback, int cap)
            => Read(schema, keyword) is { } value ? (int)Math.Clamp(value, 0, cap) : fallback;
    }

    /// <summary>For display next to the editor.</summary>
    public static string Describe(string source) => source switch
    {
        "example" => "the event type's example",
        "schema examples" => "the first of the schema's examples",
        "generated" => "a minimal payload built from the event type's schema",
        _ => "a placeholder (the event type has no schema)",
    };
}
