using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Authorization;

/// <summary>
/// Outcome of <see cref="Authorizer.Authorize"/>: authorized when an allow policy matched and every
/// check passed; otherwise says which policy matched (if any) and which checks failed.
/// </summary>
public sealed class AuthorizationResult
{
    internal AuthorizationResult(int? policyIndex, PolicyKind? policyKind, string? policy, IReadOnlyList<FailedCheck> failedChecks)
    {
        PolicyIndex = policyIndex;
        PolicyKind = policyKind;
        Policy = policy;
        FailedChecks = failedChecks;
    }

    /// <summary>True when an allow policy matched and no check failed.</summary>
    public bool IsAuthorized => PolicyKind == Datalog.PolicyKind.Allow && FailedChecks.Count == 0;

    /// <summary>Index of the first policy that matched, or null when none matched.</summary>
    public int? PolicyIndex { get; }

    /// <summary>Kind of the matched policy, or null when none matched.</summary>
    public PolicyKind? PolicyKind { get; }

    /// <summary>The matched policy, printed.</summary>
    public string? Policy { get; }

    /// <summary>Failed checks in evaluation order: authorizer, authority, then blocks 1..n.</summary>
    public IReadOnlyList<FailedCheck> FailedChecks { get; }

    /// <summary>Throws <see cref="UnauthorizedException"/> unless <see cref="IsAuthorized"/>.</summary>
    public void EnsureAuthorized()
    {
        if (!IsAuthorized)
        {
            throw new UnauthorizedException(this);
        }
    }

    public override string ToString()
    {
        if (IsAuthorized)
        {
            return $"authorized by policy {PolicyIndex}: {Policy}";
        }

        var policy = PolicyKind is null ? "no policy matched" : $"policy {PolicyIndex} matched: {Policy}";
        return FailedChecks.Count == 0 ? $"unauthorized: {policy}" : $"unauthorized: {policy}; failed checks: {string.Join("; ", FailedChecks)}";
    }
}
