using System.Text;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// One fuzzed request, kept as data so it can be sent, timed and described. <see cref="Check"/> names a
/// finding in an answer that is not a 5xx (an offsite redirect, a reserved header accepted...).
/// </summary>
internal sealed record FuzzRequest(string Kind, string Method, string Path, string? Bearer, byte[]? Body, string? ContentType)
{
    public List<KeyValuePair<string, string>> Headers { get; init; } = [];

    public Func<HttpResponseMessage, string?>? Check { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Bearer is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Bearer}");
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public string Describe()
    {
        var body = Body is null ? "(none)" : Encoding.UTF8.GetString(Body);
        return $"[{Kind}] {Method} {Path} body: {(body.Length > 400 ? body[..400] + "…" : body)}";
    }

    /// <summary>The path with ids and hostile segments replaced, to group findings by route.</summary>
    public static string Shape(string path)
        => System.Text.RegularExpressions.Regex.Replace(path.Split('?')[0], "/[^/]*(%|[0-9a-f]{8}-)[^/]*", "/{x}");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
