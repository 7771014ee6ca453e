using FluentValidation;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Modules.Organizations.Common;

/// <summary>Application secret names are optional, at most 50 characters.</summary>
internal static class SecretNameRules
{
    public static IRuleBuilderOptions<T, string?> ValidSecretName<T>(this IRuleBuilder<T, string?> rule)
        => rule.Chars(0, 50).NoControlCharacters();
}
