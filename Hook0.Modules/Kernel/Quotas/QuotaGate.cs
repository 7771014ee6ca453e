using Hook0.Modules.Kernel.Errors;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Kernel.Quotas;

/// <summary>
/// Makes "count, compare with the limit, insert" atomic across requests and instances: the creating
/// transaction first takes a transaction-scoped advisory lock named after the quota and its owner, so
/// two concurrent creates can never both see room for one more (upstream's check could overshoot).
/// Waiting is bounded like upstream's row lock (3 s; then 503 ServiceUnavailable).
/// </summary>
public static class QuotaGate
{
    /// <summary>Locks the quota scope; call inside the transaction that will insert.</summary>
    public static async Task LockAsync(DbContext db, string quota, Guid owner, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A quota lock must be taken inside the inserting transaction.");
        }

        var key = $"quota:{quota}:{owner}";
        await db.Database.ExecuteSqlAsync(
            $"SELECT set_config('lock_timeout', '3s', true), pg_advisory_xact_lock(hashtextextended({key}, 0))",
            cancellationToken);
    }

    /// <summary>Refuses with the quota's problem, naming the limit, when the count has reached it.</summary>
    public static void EnsureRoom(long current, int limit, Problem problem)
    {
        if (current >= limit)
        {
            throw problem.With($"{problem.Detail} The limit is {limit}.");
        }
    }
}
