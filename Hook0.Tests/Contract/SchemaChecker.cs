using System.Globalization;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Contract;

/// <summary>
/// Checks a JSON answer against a schema of the upstream OpenAPI snapshot: required members present,
/// every member of the right type, no member the snapshot does not know (unless declared an addition).
/// Optional members may be null, as upstream serializes absent options. Additions (member names or
/// enum values this implementation adds, each named in an ADR) are accepted when declared.
/// </summary>
public static class SchemaChecker
{
    public static IReadOnlyList<string> Check(JsonNode? value, JsonNode schema, IReadOnlySet<string>? additions = null)
    {
        var errors = new List<string>();
        Walk(value, schema, "$", errors, additions ?? new HashSet<string>());
        return errors;
    }

    private static JsonNode Resolve(JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            schema = OpenApiSnapshot.Root["components"]!["schemas"]![name]!;
        }

        return schema;
    }

    private static void Walk(JsonNode? value, JsonNode schema, string path, List<string> errors, IReadOnlySet<string> additions)
    {
        schema = Resolve(schema);
        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "object" or null when schema["properties"] is JsonObject || schema["additionalProperties"] is not null:
                if (value is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                var properties = schema["properties"] as JsonObject ?? [];
                foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                {
                    if (!obj.ContainsKey(required))
                    {
                        errors.Add($"{path}.{required}: required by upstream but missing");
                    }
                }

                foreach (var (name, member) in obj)
                {
                    if (properties[name] is { } memberSchema)
                    {
                        if (member is not null)
                        {
                            Walk(member, memberSchema, $"{path}.{name}", errors, additions);
                        }
                    }
                    else if (schema["additionalProperties"] is JsonObject extra)
                    {
                        Walk(member, extra, $"{path}.{name}", errors, additions);
                    }
                    else if (properties.Count > 0 && !additions.Contains(name))
                    {
                        errors.Add($"{path}.{name}: not in the upstream schema (an addition must be declared)");
                    }
                }

                return;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], schema["items"]!, $"{path}[{i}]", errors, additions);
                }

                return;
            case "string":
                CheckString(value, schema, path, errors, additions);
                return;
            case "integer":
                if (value is not JsonValue number || !number.TryGetValue<long>(out _))
                {
                    errors.Add($"{path}: expected an integer");
                }

                return;
            case "boolean":
                if (value is not JsonValue flag || !flag.TryGetValue<bool>(out _))
                {
                    errors.Add($"{path}: expected a boolean");
                }

                return;
        }
    }

    private static void CheckString(JsonNode? value, JsonNode schema, string path, List<string> errors, IReadOnlySet<string> additions)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var s))
        {
            errors.Add($"{path}: expected a string");
            return;
        }

        var format = schema["format"]?.GetValue<string>();
        if (format == "uuid" && !Guid.TryParseExact(s, "D", out _))
        {
            errors.Add($"{path}: expected a hyphenated UUID, got {s}");
        }

        if (format == "date-time" && !DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add($"{path}: expected an RFC 3339 date-time, got {s}");
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a!.GetValue<string>() == s) && !additions.Contains(s))
        {
            errors.Add($"{path}: '{s}' is not one of the upstream values");
        }
    }
}
