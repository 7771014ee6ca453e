using Microsoft.Kiota.Abstractions.Serialization;

namespace Hook0.Cli;

/// <summary>Answers are printed as the API's JSON, so they can be piped to jq.</summary>
internal static class Output
{
    public static async Task JsonAsync<T>(TextWriter writer, T? model, CancellationToken cancellationToken) where T : IParsable
        => await writer.WriteLineAsync(model is null ? "null" : await KiotaJsonSerializer.SerializeAsStringAsync(model, false, cancellationToken));

    public static async Task JsonAsync<T>(TextWriter writer, IEnumerable<T>? models, CancellationToken cancellationToken) where T : IParsable
        => await writer.WriteLineAsync(await KiotaJsonSerializer.SerializeAsStringAsync(models ?? [], false, cancellationToken));

    public static Uri AbsoluteUri(string text, string option)
        => Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliException($"{option} takes an http(s) URL, not '{text}'.");

    /// <summary><c>key=value</c> pairs of repeated options (labels, metadata).</summary>
    public static Dictionary<string, object> Pairs(IEnumerable<string>? pairs, string option)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"{option} takes key=value, not '{pair}'.");
            }

            result[pair[..equals]] = pair[(equals + 1)..];
        }

        return result;
    }
}
