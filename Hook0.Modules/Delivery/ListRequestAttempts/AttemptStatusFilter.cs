using System.Linq.Expressions;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>
/// The computed status of <see cref="AttemptStatusDto.Of"/> as column predicates on the half where it can occur
/// (ADR 0016): <c>successful</c> and <c>failed</c> are history outcomes (failed is every outcome but a success, which
/// is the failed-list partial index's predicate), <c>inprogress</c>, <c>waiting</c> and <c>pending</c> are queue rows
/// told apart by their lease and due time, exactly as <see cref="AttemptProjection.FromQueue"/> shows them. A half no
/// wanted status can occur in is not read at all.
/// </summary>
internal sealed record AttemptStatusFilter(
    bool ReadsHistory, Expression<Func<AttemptRecord, bool>>? History, bool ReadsQueue, Expression<Func<QueuedAttempt, bool>>? Queue)
{
    public static AttemptStatusFilter Of(IReadOnlyList<string>? statuses, DateTime now)
    {
        var wanted = (statuses ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        foreach (var unknown in wanted.Where(s => !AttemptStatuses.All.Contains(s)))
        {
            throw Problems.InvalidParameter.With($"Unknown attempt status '{unknown}': use {string.Join(", ", AttemptStatuses.All)}.");
        }

        if (wanted.Count == 0)
        {
            return new AttemptStatusFilter(true, null, true, null);
        }

        var history = new List<Expression<Func<AttemptRecord, bool>>>();
        if (wanted.Contains(AttemptStatuses.Failed) && !wanted.Contains(AttemptStatuses.Successful))
        {
            history.Add(a => a.Outcome != AttemptProjection.Succeeded);
        }
        else if (wanted.Contains(AttemptStatuses.Successful) && !wanted.Contains(AttemptStatuses.Failed))
        {
            history.Add(a => a.Outcome == AttemptProjection.Succeeded);
        }

        var queue = new List<Expression<Func<QueuedAttempt, bool>>>();
        var leased = wanted.Contains(AttemptStatuses.InProgress);
        var waiting = wanted.Contains(AttemptStatuses.Waiting);
        var pending = wanted.Contains(AttemptStatuses.Pending);
        if (!(leased && waiting && pending))
        {
            if (leased)
            {
                queue.Add(q => q.LeaseUntil != null && q.LeaseUntil > now);
            }

            if (waiting)
            {
                queue.Add(q => (q.LeaseUntil == null || q.LeaseUntil <= now) && q.AttemptNumber > 0 && q.DueAt > now && q.DueAt < AttemptKeyset.Infinity);
            }

            if (pending)
            {
                queue.Add(q => (q.LeaseUntil == null || q.LeaseUntil <= now) && (q.AttemptNumber == 0 || q.DueAt <= now || q.DueAt == AttemptKeyset.Infinity));
            }
        }

        var readsHistory = wanted.Contains(AttemptStatuses.Failed) || wanted.Contains(AttemptStatuses.Successful);
        return new AttemptStatusFilter(readsHistory, history.Count == 0 ? null : history[0], leased || waiting || pending, AnyOf(queue));
    }

    private static Expression<Func<T, bool>>? AnyOf<T>(List<Expression<Func<T, bool>>> predicates)
    {
        if (predicates.Count == 0)
        {
            return null;
        }

        var parameter = predicates[0].Parameters[0];
        var body = predicates[0].Body;
        foreach (var next in predicates.Skip(1))
        {
            body = Expression.OrElse(body, new Rebind(next.Parameters[0], parameter).Visit(next.Body));
        }

        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
