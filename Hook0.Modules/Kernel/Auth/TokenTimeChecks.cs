using System.Collections.Immutable;
using Hook0.Biscuit;
using Hook0.Biscuit.Datalog;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// When a token's Datalog verdict can change with time alone. The authorizer gives the policy one
/// date, <c>time(now)</c>; the token can only compare it with the dates it spells out (its expiry,
/// <c>check if time($t), $t &lt; …</c>), and such a comparison flips once, when now crosses that date.
/// So a verdict reached now holds until the token's earliest date still ahead. A token calling an
/// extern function is never cached: what the function does with the time is unknown here.
/// </summary>
internal sealed class TokenTimeChecks
{
    private readonly ulong[] _dates;

    private TokenTimeChecks(bool cacheable, ulong[] dates, string identity)
    {
        Cacheable = cacheable;
        _dates = dates;
        Identity = identity;
    }

    /// <summary>Whether a verdict on this token may be kept at all.</summary>
    public bool Cacheable { get; }

    /// <summary>The last block's revocation id: distinct for every attenuation of one root token.</summary>
    public string Identity { get; }

    public static TokenTimeChecks Of(BiscuitToken token)
    {
        var dates = new SortedSet<ulong>();
        var cacheable = true;
        foreach (var block in token.Blocks)
        {
            foreach (var fact in block.Block.Facts)
            {
                AddTerms(fact.Predicate.Terms, dates);
            }

            foreach (var rule in block.Block.Rules)
            {
                cacheable &= AddRule(rule, dates);
            }

            foreach (var check in block.Block.Checks)
            {
                foreach (var query in check.Queries)
                {
                    cacheable &= AddRule(query, dates);
                }
            }
        }

        return new TokenTimeChecks(cacheable, [.. dates], token.RevocationIds[^1]);
    }

    /// <summary>
    /// Until when a verdict reached at <paramref name="now"/> holds, or null when no date of the token is ahead.
    /// The policy sees the time truncated to the second (S): a comparison with a date D reads the same for
    /// every S below D, for S equal to D, and for every S above it, so the verdict holds until the first
    /// date above S, or until S + 1 s when a date equals S.
    /// </summary>
    public DateTimeOffset? HoldsUntil(DateTimeOffset now)
    {
        var seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
        foreach (var date in _dates)
        {
            if (date >= seconds)
            {
                var boundary = date == seconds ? date + 1 : date;
                return DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(boundary, (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
            }
        }

        return null;
    }

    private static bool AddRule(Rule rule, SortedSet<ulong> dates)
    {
        AddTerms(rule.Head.Terms, dates);
        foreach (var predicate in rule.Body)
        {
            AddTerms(predicate.Terms, dates);
        }

        var cacheable = true;
        foreach (var expression in rule.Expressions)
        {
            cacheable &= AddOps(expression.Ops, dates);
        }

        return cacheable;
    }

    private static bool AddOps(ImmutableArray<Op> ops, SortedSet<ulong> dates)
    {
        var cacheable = true;
        foreach (var op in ops)
        {
            switch (op)
            {
                case ValueOp value:
                    AddTerm(value.Value, dates);
                    break;
                case UnaryOp { FfiName: not null }:
                case BinaryOp { FfiName: not null }:
                    cacheable = false;
                    break;
                case ClosureOp closure:
                    cacheable &= AddOps(closure.Body, dates);
                    break;
            }
        }

        return cacheable;
    }

    private static void AddTerms(ImmutableArray<Term> terms, SortedSet<ulong> dates)
    {
        foreach (var term in terms)
        {
            AddTerm(term, dates);
        }
    }

    private static void AddTerm(Term term, SortedSet<ulong> dates)
    {
        switch (term)
        {
            case DateTerm date:
                dates.Add(date.SecondsSinceEpoch);
                break;
            case SetTerm set:
                AddTerms(set.Elements, dates);
                break;
            case ArrayTerm array:
                AddTerms(array.Elements, dates);
                break;
            case MapTerm map:
                foreach (var (key, value) in map.Entries)
                {
                    AddTerm(key, dates);
                    AddTerm(value, dates);
                }

                break;
        }
    }
}
