using FluentValidation.Results;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Kernel.Validation;

/// <summary>
/// Shapes validation failures like upstream's validator output: an object keyed by field name whose
/// values are arrays of <c>{code, message, params}</c>. Secret fields never echo their value.
/// </summary>
public static class ValidationProblem
{
    public static ProblemException From(IEnumerable<ValidationFailure> failures)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var failure in failures)
        {
            var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
            if (failure.CustomState is IReadOnlyDictionary<string, object> custom)
            {
                foreach (var (key, value) in custom)
                {
                    parameters[key] = value;
                }
            }

            var code = string.IsNullOrEmpty(failure.ErrorCode) ? "invalid" : failure.ErrorCode;
            if (!code.StartsWith("secret-", StringComparison.Ordinal) && failure.AttemptedValue is string or bool or int or long)
            {
                parameters["value"] = failure.AttemptedValue;
            }

            var list = fields.TryGetValue(failure.PropertyName, out var existing)
                ? (List<ValidationFailureDocument>)existing
                : [];
            list.Add(new ValidationFailureDocument(code, failure.ErrorMessage, parameters));
            fields[failure.PropertyName] = list;
        }

        var detail = string.Join(" ", fields.Select(f => $"{f.Key}: {string.Join("; ", ((List<ValidationFailureDocument>)f.Value).Select(v => v.Message))}."));
        return new ProblemException(Problems.Validation, detail, fields);
    }

    /// <summary>A single-field failure raised outside a validator (e.g. a check that needs the database).</summary>
    public static ProblemException ForField(string field, string code, string message)
        => From([new ValidationFailure(field, message) { ErrorCode = code }]);
}
