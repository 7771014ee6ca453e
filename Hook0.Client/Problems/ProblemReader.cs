using System.Text.Json;
using ProblemDocument = Hook0.Client.Generated.Models.ProblemDocument;
using Microsoft.Kiota.Abstractions;

namespace Hook0.Client.Problems;

/// <summary>Turns what the API refused with into a <see cref="Hook0ProblemException"/>.</summary>
internal static class ProblemReader
{
    public static Hook0ProblemException FromJson(JsonElement problem, int status, Exception? inner = null)
    {
        string? Text(string name) => problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

        var validation = new Dictionary<string, IReadOnlyList<string>>();
        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("validation", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                validation[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? [.. field.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var c) ? c.ToString() : e.ToString())]
                    : [field.Value.ToString()];
            }
        }

        return new Hook0ProblemException(Text("id"), status, Text("title"), Text("detail"), validation, inner);
    }

    /// <summary>From Kiota's exception, preferring the problem body the attempt handler kept (Kiota drops bodies of undeclared statuses).</summary>
    public static Hook0ProblemException FromApiException(ApiException exception, Http.SendState state)
    {
        if (state.ProblemBody is { } body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return FromJson(document.RootElement, state.Status, exception);
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to what Kiota knows.
            }
        }

        return exception is ProblemDocument problem
            ? new Hook0ProblemException(problem.Id, problem.Status ?? exception.ResponseStatusCode, problem.Title, problem.Detail, null, exception)
            : new Hook0ProblemException(null, exception.ResponseStatusCode, null, exception.Message, null, exception);
    }
}
