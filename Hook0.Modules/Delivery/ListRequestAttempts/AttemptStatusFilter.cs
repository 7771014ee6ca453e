using System.Linq.Expressions;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>
/// The computed status of <see cref="AttemptStatusDto.Of"/> as column predicates, so that a status filter
/// runs in the database (and can use the partial indexes on failed and undecided attempts) instead of
/// filtering a page after it was read. Each predicate excludes what an earlier rule of <c>Of</c> claims.
/// </summary>
internal static class AttemptStatusFilter
{
    public static IQueryable<RequestAttempt> Apply(IQueryable<RequestAttempt> attempts, IReadOnlyList<string>? statuses, DateTime now)
    {
        var wanted = (statuses ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        if (wanted.Count == 0 || AttemptStatuses.All.All(wanted.Contains))
        {
            return attempts;
        }

        Expression<Func<RequestAttempt, bool>>? combined = null;
        foreach (var status in wanted)
        {
            var predicate = Predicate(status, now);
            combined = combined is null ? predicate : Or(combined, predicate);
        }

        return attempts.Where(combined!);
    }

    private static Expression<Func<RequestAttempt, bool>> Predicate(string status, DateTime now) => status switch
    {
        AttemptStatuses.Failed => a => a.FailedAt != null,
        AttemptStatuses.Successful => a => a.SucceededAt != null && a.FailedAt == null,
        AttemptStatuses.InProgress => a => a.PickedAt != null && a.FailedAt == null && a.SucceededAt == null,
        AttemptStatuses.Waiting => a => a.PickedAt == null && a.FailedAt == null && a.SucceededAt == null && a.DelayUntil > now,
        AttemptStatuses.Pending => a => a.PickedAt == null && a.FailedAt == null && a.SucceededAt == null && (a.DelayUntil == null || a.DelayUntil <= now),
        _ => throw Problems.InvalidParameter.With($"Unknown attempt status '{status}': use {string.Join(", ", AttemptStatuses.All)}."),
    };

    private static Expression<Func<RequestAttempt, bool>> Or(Expression<Func<RequestAttempt, bool>> left, Expression<Func<RequestAttempt, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = new Rebind(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<RequestAttempt, bool>>(Expression.OrElse(left.Body, body), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
