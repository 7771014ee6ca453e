using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hook0.Modules.Delivery.EventCatalog;

/// <summary>
/// A JSON document as YAML, through YamlDotNet's emitter (it picks quoting and escapes). Strings that a YAML reader would
/// take for something else — <c>true</c>, <c>null</c>, <c>~</c>, <c>yes</c>, numbers, empty text — are double-quoted, so
/// the YAML reads back as exactly the JSON (a YAML 1.1 reader included). Block style, keys in the JSON's order.
/// </summary>
internal static class YamlText
{
    public static string From(JsonNode document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Write(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Write(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (name, value) in obj)
                {
                    WriteString(emitter, name);
                    Write(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    Write(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                // A value built in code holds a string or a number, not a JsonElement: ask its kind, and write numbers as JSON does.
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(emitter, node.GetValue<string>());
                        break;
                    case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                        emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                        break;
                }

                break;
        }
    }

    private static void WriteString(IEmitter emitter, string text)
        => emitter.Emit(new Scalar(null, null, text, ReadsAsOtherThanText(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "null", "~", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf",
    };

    private static bool ReadsAsOtherThanText(string text)
        => text.Length == 0 || Reserved.Contains(text) || char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.' or ' ' || text[^1] == ' ';
}
