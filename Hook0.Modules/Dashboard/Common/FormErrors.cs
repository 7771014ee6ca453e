using System.Collections;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// The API's problem messages, placed next to the field they concern: a <c>Validation</c> problem's
/// entries by field name, and problems that name no field but concern one (a weak password, an
/// address already in use) by their id. Whatever the form does not show goes to <see cref="General"/>.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _problemFields = new(StringComparer.Ordinal);

    /// <param name="problemFields">Pairs of problem id (or id prefix ending with '*') and the field it concerns.</param>
    public FormErrors(params (string Problem, string Field)[] problemFields)
    {
        foreach (var (problem, field) in problemFields)
        {
            _problemFields[problem] = field;
        }
    }

    public string? General { get; private set; }

    public bool Any => General is not null || _fields.Count > 0;

    /// <summary>The message for a field (snake_case, as the API names it), or null.</summary>
    public string? this[string field] => _fields.GetValueOrDefault(field);

    public bool Has(string field) => _fields.ContainsKey(field);

    public void Clear()
    {
        _fields.Clear();
        General = null;
    }

    /// <param name="problem">The refusal.</param>
    /// <param name="shown">The fields this form shows; errors about any other field are reported in general.</param>
    public void Capture(ProblemException problem, params string[] shown)
    {
        Clear();
        if (problem.Validation is { Count: > 0 } validation)
        {
            var rest = new List<string>();
            foreach (var (field, entries) in validation)
            {
                var message = string.Join("; ", Messages(entries));
                if (shown.Contains(field, StringComparer.Ordinal))
                {
                    _fields[field] = Capitalized(message);
                }
                else
                {
                    rest.Add($"{field}: {message}");
                }
            }

            General = rest.Count > 0 ? string.Join(" ", rest) : null;
            return;
        }

        if (FieldFor(problem.Problem.Id) is { } concerned && shown.Contains(concerned, StringComparer.Ordinal))
        {
            _fields[concerned] = problem.Detail;
            return;
        }

        General = problem.Detail;
    }

    public void Fail(string message)
    {
        Clear();
        General = message;
    }

    private string? FieldFor(string id)
    {
        if (_problemFields.TryGetValue(id, out var field))
        {
            return field;
        }

        return _problemFields.Where(p => p.Key.EndsWith('*') && id.StartsWith(p.Key[..^1], StringComparison.Ordinal)).Select(p => p.Value).FirstOrDefault();
    }

    private static IEnumerable<string> Messages(object entries) => entries switch
    {
        IEnumerable<ValidationFailureDocument> documents => documents.Select(d => d.Message ?? d.Code),
        string text => [text],
        IEnumerable list => list.Cast<object>().Select(o => o.ToString() ?? string.Empty),
        _ => [entries.ToString() ?? string.Empty],
    };

    private static string Capitalized(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];
}
