using FluentValidation;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Modules.Organizations.Accounts;

/// <summary>
/// Field rules of the account flows. Secret fields use upstream's <c>secret-…</c> codes, which the
/// validation problem never echoes the value of.
/// </summary>
internal static class AccountRules
{
    public static IRuleBuilderOptions<T, string?> ValidPersonName<T>(this IRuleBuilder<T, string?> rule)
        => rule.NotNull().Chars(1, 50).NoControlCharacters();

    /// <summary>Login and registration both refuse control characters in a password; the policy comes after.</summary>
    public static IRuleBuilderOptions<T, string?> ValidSecret<T>(this IRuleBuilder<T, string?> rule, int min, int max)
        => rule.Must(v => v is not null && v.Length >= min && v.Length <= max)
            .WithErrorCode("secret-length").WithMessage($"must be between {min} and {max} characters long")
            .WithState(_ => RuleExtensions.Params(min, max))
            .Must(v => v is null || !v.Any(char.IsControl))
            .WithErrorCode("secret-characters").WithMessage("must not contain control characters");

    /// <summary>Tokens of e-mail links.</summary>
    public static IRuleBuilderOptions<T, string?> ValidLinkToken<T>(this IRuleBuilder<T, string?> rule)
        => rule.Must(v => v is { Length: >= 1 and <= 1000 })
            .WithErrorCode("secret-token").WithMessage("must be between 1 and 1000 characters long");

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
