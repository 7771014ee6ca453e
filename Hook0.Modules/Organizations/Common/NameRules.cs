using FluentValidation;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Modules.Organizations.Common;

/// <summary>Organization and application names: 2 to 50 characters, as upstream, and no control characters.</summary>
internal static class NameRules
{
    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule)
        => rule.Chars(2, 50).NoControlCharacters();
}
