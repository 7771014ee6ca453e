using FluentValidation;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Organizations.Members;

/// <summary>Roles a member can hold; anything else is upstream's 400 <c>InvalidRole</c> (never a database error).</summary>
internal static class MemberRules
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal) { "editor", "viewer" };

    public static void EnsureValidRole(string? role)
    {
        if (role is null || !Roles.Contains(role))
        {
            throw Problems.InvalidRole.ToException();
        }
    }

    /// <summary>Upstream's e-mail rule: e-mail syntax, at most 100 characters.</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule)
        => rule.NotEmpty().WithErrorCode("email").WithMessage("must be an e-mail address")
            .MaximumLength(100).WithErrorCode("length").WithMessage("must be at most 100 characters long")
            .EmailAddress().WithErrorCode("email").WithMessage("must be an e-mail address");
}
