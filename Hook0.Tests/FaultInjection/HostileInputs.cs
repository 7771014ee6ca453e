using System.Text.Json;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// The hostile values of issue #19's review, as data: strings (injection, Unicode), redirect targets,
/// subscription header names and JSON Schemas. JSON fragments are written as raw JSON text, so lone
/// surrogates and NUL reach the server as escapes a serializer would have "fixed".
/// </summary>
internal static class HostileInputs
{
    public static readonly string[] Strings =
    [
        "' OR 1=1 --", "'; DROP TABLE event.event; --", "\"; SELECT pg_sleep(5); --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
        "../../etc/passwd", "%00", "\u0000", "\uFFFF", "\uD800", "😀", "Ω≈ç√", "null", "true", "-1", "1e999", "NaN", "", " ", new string('a', 5000),
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "*", "a.*.b", "\\", "\r\nX-Injected: 1",
        "\u202Eevil\u202C", "\u200B", "e\u0301", "Ａ", "İı", "\uFEFF", "\u0085", "\u2028", "\u001B[31m",
    ];

    /// <summary>Raw JSON string literals (quotes included) a .NET string cannot carry intact: lone surrogates, NUL, RTL.</summary>
    public static readonly string[] JsonStringLiterals =
    [
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"", "\"x\\u0000y\"", "\"\\u202eRTL\"", "\"\\ufffe\"", "\"\\ud83d\"", "\"" + new string('é', 3000) + "\"",
    ];

    /// <summary>
    /// Dashboard login <c>return</c> values: a browser strips tab, CR and LF and reads a backslash as a
    /// slash, so each of these would leave the site if echoed in <c>Location</c>; the non-ASCII ones once gave a 500.
    /// </summary>
    public static readonly string[] ReturnTargets =
    [
        "/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/\r/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example",
        "\\/evil.example", "https://evil.example/", "http:evil.example", "javascript:alert(1)", " //evil.example", "\t//evil.example",
        "/\u00e9", "/é/\u202e", "/\u3000/evil.example", "/\u000b/evil.example", "/%2F/evil.example", "/%5Cevil.example", "/.//evil.example",
        "/organizations", "/", "", "\u0000", "/\ud800", "/" + new string('a', 4000),
    ];

    /// <summary>Names a subscription must not set: hop-by-hop, reserved, Hook0's own signature headers, and invalid tokens.</summary>
    public static readonly string[] ReservedHeaderNames =
        ["Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE", "Trailer", "X-Hook0-Signature", "host", "CONTENT-LENGTH"];

    public static readonly string[] InvalidHeaderNames = ["", "X A", "X\r\nInjected", "é", "X:Y", "(x)", new string('h', 5000)];

    /// <summary>
    /// Catastrophic-backtracking patterns, each with the lengths of an almost-matching value that cost an
    /// unbounded engine about 0.1 to 5 s here (every more character doubles it, or multiplies it by 1.6):
    /// enough to see, not enough to pin the shared machine's cores for minutes.
    /// </summary>
    public static readonly (string Pattern, int MinLength, int MaxLength)[] CatastrophicPatterns =
        [("^(a+)+$", 22, 27), ("^(a|aa)+$", 32, 40), ("^(\\w+\\s?)*$", 20, 25)];

    /// <summary>A schema applying the pattern to the property "name".</summary>
    public static string PatternSchema(string pattern)
        => $$$"""{"type":"object","properties":{"name":{"type":"string","pattern":{{{JsonSerializer.Serialize(pattern)}}}}}""" + "}";

    /// <summary>A schema applying the pattern to property names.</summary>
    public static string PatternPropertiesSchema(string pattern)
        => $$$"""{"type":"object","patternProperties":{{{{JsonSerializer.Serialize(pattern)}}}:{"type":"string"}}""" + "}";

    /// <summary>Schemas an event type's save must refuse (422): a network or dangling <c>$ref</c>, a pattern that does not compile.</summary>
    public static readonly string[] SchemasToRefuse =
    [
        """{"$ref":"https://evil.example/schema.json"}""",
        """{"$ref":"http://127.0.0.1:1/schema.json"}""",
        """{"$ref":"file:///etc/passwd"}""",
        """{"$ref":"#/$defs/nowhere"}""",
        """{"type":"object","properties":{"a":{"$ref":"urn:nowhere"}}}""",
        """{"type":"string","pattern":"(unclosed"}""",
        """{"type":"object","patternProperties":{"[z-a]":{}}}""",
    ];

    /// <summary>Schemas with no user regex that may be stored but must never answer 500 or take long at ingest: recursive, deep, wide.</summary>
    public static string[] StructuralSchemas()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"type\":\"object\",\"properties\":{\"a\":", 300)) + "{}" + string.Concat(Enumerable.Repeat("}}", 300));
        var wide = "{\"type\":\"object\",\"properties\":{" + string.Join(',', Enumerable.Range(0, 3000).Select(i => $"\"p{i}\":{{\"type\":\"string\",\"maxLength\":{i}}}")) + "}}";
        return
        [
            """{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""",
            """{"$defs":{"n":{"type":"object","properties":{"c":{"$ref":"#/$defs/n"}}}},"$ref":"#/$defs/n"}""",
            deep,
            wide,
        ];
    }

    /// <summary>A value that almost matches the catastrophic patterns: n times 'a', then a character that makes the match fail.</summary>
    public static string AlmostMatching(int n) => new string('a', n) + "!";

    /// <summary>A JSON document nested <paramref name="depth"/> arrays deep.</summary>
    public static string Deep(int depth) => new string('[', depth) + new string(']', depth);
}
