using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// The events list's payload filters (issue #23 item 5), checked here once for the API and the dashboard so both say
/// the same thing:
/// <list type="bullet">
/// <item><c>payload_contains</c>: a JSON object the payload must contain, PostgreSQL's <c>jsonb @&gt;</c> (every key
/// given must be there with an equal value; objects nest; an array given must have its elements among the payload's).</item>
/// <item><c>payload_path</c> + <c>payload_value</c>: dot-separated object keys (<c>customer.id</c>) leading to a value
/// equal to <c>payload_value</c> as a JSON string, or, when <c>payload_value</c> is written as a JSON number, to that
/// number too (<c>42</c> matches <c>"42"</c>, <c>42</c> and <c>42.0</c>). A key containing a dot cannot be named
/// this way: use <c>payload_contains</c>. The path steps through objects only, never into arrays.</item>
/// </list>
/// Only JSON payloads (<c>application/json</c>) can match. Both filters may be given: both apply.
/// </summary>
public static class PayloadSearch
{
    public const string ContainsParameter = "payload_contains";
    public const string PathParameter = "payload_path";
    public const string ValueParameter = "payload_value";

    /// <summary>Longest accepted value of each parameter, in UTF-8 bytes.</summary>
    public const int MaxBytes = 4096;

    /// <summary>Deepest accepted nesting: objects and arrays in <c>payload_contains</c>, keys in <c>payload_path</c>.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Largest number exponent accepted in <c>payload_contains</c> (PostgreSQL's numeric refuses far larger ones, and a
    /// filter the database refuses must be refused here first, as a 400, never fail the query).
    /// </summary>
    public const int MaxExponent = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Raw UTF-8 rather than \u escapes: the documents go to PostgreSQL, not into HTML.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The filters as containment documents, or null when none is given (null or empty parameters); a filter that
    /// cannot be used gives <paramref name="error"/> instead, naming its parameter.
    /// </summary>
    public static PayloadCriteria? Check(string? contains, string? path, string? value, out PayloadSearchError? error)
    {
        error = null;
        string? containment = null;
        if (!string.IsNullOrEmpty(contains))
        {
            error = CheckContains(contains);
            if (error is not null)
            {
                return null;
            }

            containment = contains;
        }

        IReadOnlyList<string> anyOf = [];
        if (!string.IsNullOrEmpty(path))
        {
            if (value is null)
            {
                error = new(ValueParameter, $"The parameter '{PathParameter}' needs '{ValueParameter}', the value to find there.");
                return null;
            }

            error = CheckText(PathParameter, path) ?? CheckText(ValueParameter, value);
            if (error is not null)
            {
                return null;
            }

            var keys = path.Split('.');
            if (keys.Any(k => k.Length == 0))
            {
                error = new(PathParameter, $"The parameter '{PathParameter}' must be object keys separated by dots, e.g. customer.id.");
                return null;
            }

            if (keys.Length > MaxDepth)
            {
                error = new(PathParameter, $"The parameter '{PathParameter}' must have at most {MaxDepth} keys.");
                return null;
            }

            var found = value;
            var asText = Nested(keys, w => w.WriteStringValue(found));
            if (IsStorableNumber(found))
            {
                anyOf = [asText, Nested(keys, w => w.WriteRawValue(found))];
            }
            else
            {
                anyOf = [asText];
            }
        }
        else if (!string.IsNullOrEmpty(value))
        {
            error = new(PathParameter, $"The parameter '{ValueParameter}' needs '{PathParameter}', the keys leading to it.");
            return null;
        }

        return containment is null && anyOf.Count == 0 ? null : new PayloadCriteria(containment, anyOf);
    }

    private static PayloadSearchError? CheckContains(string contains)
    {
        if (CheckText(ContainsParameter, contains) is { } text)
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(contains, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(ContainsParameter, $"The parameter '{ContainsParameter}' must be a JSON object, e.g. {{\"customer\":{{\"id\":\"42\"}}}}.");
            }

            return Storable(document.RootElement)
                ? null
                : new(ContainsParameter, $"The parameter '{ContainsParameter}' holds a number with an exponent beyond ±{MaxExponent} or a text with a NUL character.");
        }
        catch (JsonException e)
        {
            return new(ContainsParameter, $"The parameter '{ContainsParameter}' must be a JSON object nested at most {MaxDepth} levels deep: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800): valid JSON grammar, no text at all, and PostgreSQL refuses it.
            return new(ContainsParameter, $"The parameter '{ContainsParameter}' holds an escaped text that is not valid Unicode.");
        }
    }

    /// <summary>What PostgreSQL's jsonb refuses of what .NET's parser accepts: NUL in texts, huge exponents.</summary>
    private static bool Storable(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().All(p => !p.Name.Contains('\0', StringComparison.Ordinal) && Storable(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(Storable),
        JsonValueKind.String => !element.GetString()!.Contains('\0', StringComparison.Ordinal),
        JsonValueKind.Number => ExponentWithinBounds(element.GetRawText()),
        _ => true,
    };

    private static PayloadSearchError? CheckText(string parameter, string text)
    {
        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return new(parameter, $"The parameter '{parameter}' is not valid Unicode text.");
        }

        if (bytes > MaxBytes)
        {
            return new(parameter, $"The parameter '{parameter}' must be at most {MaxBytes} bytes long.");
        }

        return text.Contains('\0', StringComparison.Ordinal) ? new(parameter, $"The parameter '{parameter}' must not contain the NUL character.") : null;
    }

    /// <summary>A JSON number (the whole text, no spaces) that PostgreSQL stores: then it is also matched as a number.</summary>
    private static bool IsStorableNumber(string value)
    {
        if (value.Length == 0 || !(value[0] == '-' || char.IsAsciiDigit(value[0])) || !char.IsAsciiDigit(value[^1]))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == Encoding.UTF8.GetByteCount(value)
                && ExponentWithinBounds(value);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ExponentWithinBounds(string number)
    {
        var e = number.AsSpan().IndexOfAny('e', 'E');
        return e < 0 || (int.TryParse(number.AsSpan(e + 1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture,
            out var exponent) && exponent is >= -MaxExponent and <= MaxExponent);
    }

    /// <summary><c>{"k1":{"k2":…value…}}</c>.</summary>
    private static string Nested(string[] keys, Action<Utf8JsonWriter> writeValue)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            foreach (var key in keys)
            {
                writer.WriteStartObject();
                writer.WritePropertyName(key);
            }

            writeValue(writer);
            foreach (var _ in keys)
            {
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <param name="Contains">The <c>payload_contains</c> object, as given; null when not given.</param>
/// <param name="AnyOf">From <c>payload_path</c>/<c>payload_value</c>: the payload contains one of these (the value as a
/// string, then as a number); empty when not given.</param>
public sealed record PayloadCriteria(string? Contains, IReadOnlyList<string> AnyOf);

/// <summary>Why a payload filter cannot be used: the parameter to fix and the API's message.</summary>
public sealed record PayloadSearchError(string Parameter, string Message);
