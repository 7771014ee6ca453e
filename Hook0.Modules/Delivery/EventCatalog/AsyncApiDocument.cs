using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Sending.Signing;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Delivery.EventCatalog;

/// <summary>
/// An application's event types as an AsyncAPI 3.0 document, from Hook0's side: Hook0 <c>send</c>s each event type on
/// its own channel (address null: the address is each subscription's URL). Per event type: a channel, a <c>send</c>
/// operation, a message (name, description, example, the delivery's headers) and, when the type has one, its payload
/// schema under <c>components/schemas</c>. Mapping choices (ADR 0027):
/// <list type="bullet">
/// <item>Keys: AsyncAPI allows only <c>[A-Za-z0-9._-]</c> in channel, operation and component keys, where event type
/// names allow any printable character; other characters become <c>_</c>, and a key taken twice gets a <c>-2</c>, <c>-3</c>
/// suffix (in name order, so keys are stable). The exact name stays in the message's <c>name</c> and the channel's <c>title</c>.</item>
/// <item>Schemas: event type schemas are JSON Schema 2020-12; they are given unchanged as AsyncAPI Schema objects (a
/// draft-07 superset that passes unknown keywords through) except that a boolean schema becomes its object form and
/// local <c>$ref</c>s (<c>#/…</c>) are re-rooted at the schema's place in the document, where a reader resolves them.</item>
/// <item>Deprecation: AsyncAPI 3.0 has no <c>deprecated</c> on messages or operations, so a deprecated type's message and
/// operation carry the extension <c>x-deprecated: true</c> and the tag <c>deprecated</c>.</item>
/// </list>
/// </summary>
internal static class AsyncApiDocument
{
    public const string Version = "3.0.0";

    /// <summary>The catalog of <paramref name="types"/>, sorted by name.</summary>
    public static JsonObject Build(Guid applicationId, string applicationName, IReadOnlyList<EventTypeDto> types, string signatureHeader, SignatureVersions versions)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types.OrderBy(t => t.EventTypeName, StringComparer.Ordinal))
        {
            var key = UniqueKey(type.EventTypeName, keys);
            var message = Message(type, key, signatureHeader, versions);
            if (type.Schema is { } schema)
            {
                schemas[key] = PayloadSchema(schema, $"#/components/schemas/{key}");
                message["payload"] = Reference($"#/components/schemas/{key}");
            }

            messages[key] = message;
            var channel = new JsonObject
            {
                ["address"] = null,
                ["title"] = type.EventTypeName,
                ["messages"] = new JsonObject { [key] = Reference($"#/components/messages/{key}") },
            };
            if (type.Description is { Length: > 0 } description)
            {
                channel["description"] = description;
            }

            channels[key] = channel;
            var operation = new JsonObject
            {
                ["action"] = "send",
                ["title"] = $"Deliver {type.EventTypeName}",
                ["channel"] = Reference($"#/channels/{key}"),
                ["messages"] = new JsonArray(Reference($"#/channels/{key}/messages/{key}")),
            };
            MarkDeprecated(operation, type.Deprecated);
            operations[key] = operation;
        }

        var components = new JsonObject();
        if (schemas.Count > 0)
        {
            components["schemas"] = schemas;
        }

        components["messages"] = messages;
        return new JsonObject
        {
            ["asyncapi"] = Version,
            ["info"] = new JsonObject
            {
                ["title"] = $"{applicationName} webhooks",
                ["version"] = ContentVersion(channels, components),
                ["description"] = $"The event types of the Hook0 application {applicationName} ({applicationId:D}).\n\n{DeliveryEnvelope.Description}",
                ["x-hook0-application-id"] = applicationId.ToString("D"),
            },
            ["defaultContentType"] = PayloadContentTypes.Json,
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = components,
        };
    }

    private static JsonObject Message(EventTypeDto type, string key, string signatureHeader, SignatureVersions versions)
    {
        var message = new JsonObject
        {
            ["name"] = type.EventTypeName,
            ["title"] = type.EventTypeName,
        };
        if (type.Description is { Length: > 0 } description)
        {
            message["description"] = description;
        }

        message["headers"] = DeliveryEnvelope.Headers(type.EventTypeName, signatureHeader, versions);
        if (type.Example is { } example)
        {
            message["examples"] = new JsonArray(new JsonObject { ["name"] = $"{key}-example", ["payload"] = JsonNode.Parse(example.GetRawText()) });
        }

        MarkDeprecated(message, type.Deprecated);
        return message;
    }

    private static void MarkDeprecated(JsonObject target, bool deprecated)
    {
        if (deprecated)
        {
            target["tags"] = new JsonArray(new JsonObject { ["name"] = "deprecated", ["description"] = "Still delivered; new subscriptions should not use it." });
            target["x-deprecated"] = true;
        }
    }

    /// <summary>
    /// The schema where AsyncAPI readers accept it: an object (a boolean schema in its object form), local references
    /// re-rooted at <paramref name="root"/>. Values that are data, not schemas (<c>const</c>, <c>enum</c>, <c>default</c>,
    /// <c>examples</c>), are copied untouched even when they hold a <c>$ref</c> member.
    /// </summary>
    internal static JsonNode PayloadSchema(JsonElement schema, string root) => schema.ValueKind switch
    {
        JsonValueKind.True => new JsonObject(),
        JsonValueKind.False => new JsonObject { ["not"] = new JsonObject() },
        _ => Rerooted(JsonNode.Parse(schema.GetRawText())!, root),
    };

    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "const", "enum", "default", "examples", "example" };

    private static JsonNode Rerooted(JsonNode node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value is JsonValue text && text.TryGetValue(out string? target) && target.StartsWith('#'))
                    {
                        // "#" is the schema itself; "#/$defs/x" a pointer inside it; "#anchor" names an anchor, which stays.
                        obj[name] = target.Length == 1 ? root : target[1] == '/' ? root + target[1..] : target;
                    }
                    else if (value is not null && !DataKeywords.Contains(name))
                    {
                        Rerooted(value, root);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rerooted(item, root);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>A key AsyncAPI accepts (<c>[A-Za-z0-9._-]+</c>) for <paramref name="name"/>, not yet in <paramref name="taken"/>.</summary>
    internal static string UniqueKey(string name, ISet<string> taken)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var key = builder.Length == 0 ? "_" : builder.ToString();
        var candidate = key;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{key}-{n}";
        }

        return candidate;
    }

    /// <summary>
    /// The document's <c>info.version</c>: a digest of what it describes, so a consumer sees the catalog changed
    /// without Hook0 keeping a version counter per application.
    /// </summary>
    private static string ContentVersion(JsonObject channels, JsonObject components)
    {
        var bytes = Encoding.UTF8.GetBytes(channels.ToJsonString() + components.ToJsonString());
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    private static JsonObject Reference(string target) => new() { ["$ref"] = target };
}
