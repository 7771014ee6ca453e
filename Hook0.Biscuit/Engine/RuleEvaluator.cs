using System.Collections.Immutable;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Engine;

/// <summary>Finds the variable bindings of a rule body among the facts a rule may see, by nested-loop join.</summary>
internal sealed class RuleEvaluator(FactSet facts, ExpressionEvaluator expressions, RunBudget budget)
{
    /// <summary>Calls <paramref name="onMatch"/> for every binding of the body predicates; stops early when it returns false.</summary>
    public void ForEachBinding(Rule rule, Origin trusted, Func<Dictionary<string, Term>, Origin?, bool> onMatch)
    {
        var bindings = new Dictionary<string, Term>(StringComparer.Ordinal);
        Join(rule.Body, 0, trusted, bindings, null, onMatch);
    }

    /// <summary>Bindings that also satisfy every expression, with the union of the matched facts' origins.</summary>
    public void ForEachMatch(Rule rule, Origin trusted, Func<Dictionary<string, Term>, Origin?, bool> onMatch) =>
        ForEachBinding(rule, trusted, (bindings, origin) =>
            !SatisfiesExpressions(rule, bindings) || onMatch(bindings, origin));

    public bool SatisfiesExpressions(Rule rule, Dictionary<string, Term> bindings)
    {
        foreach (var expression in rule.Expressions)
        {
            if (!expressions.EvaluateCondition(expression, bindings))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>New facts a rule derives; each gets the rule's block plus the origins of the facts it used.</summary>
    public void Derive(Rule rule, ulong ruleBlock, Origin trusted, Action<Origin, Fact> emit)
    {
        var ruleOrigin = Origin.Block(ruleBlock);
        ForEachMatch(rule, trusted, (bindings, origin) =>
        {
            var terms = ImmutableArray.CreateBuilder<Term>(rule.Head.Terms.Length);
            foreach (var term in rule.Head.Terms)
            {
                terms.Add(Substitute(term, bindings));
            }

            emit(origin is null ? ruleOrigin : origin.Union(ruleOrigin), new Fact(new Predicate(rule.Head.Name, terms.MoveToImmutable())));
            return true;
        });
    }

    private bool Join(
        ImmutableArray<Predicate> body,
        int index,
        Origin trusted,
        Dictionary<string, Term> bindings,
        Origin? origin,
        Func<Dictionary<string, Term>, Origin?, bool> onMatch)
    {
        if (index == body.Length)
        {
            return onMatch(bindings, origin);
        }

        var predicate = body[index];
        var newlyBound = new List<string>(predicate.Terms.Length);
        foreach (var (factOrigin, fact) in facts.Matching(predicate.Name, predicate.Terms.Length))
        {
            budget.Step();
            if (!factOrigin.IsSubsetOf(trusted))
            {
                continue;
            }

            if (Unify(predicate.Terms, fact.Predicate.Terms, bindings, newlyBound))
            {
                var merged = origin is null ? factOrigin : origin.Union(factOrigin);
                var keepGoing = Join(body, index + 1, trusted, bindings, merged, onMatch);
                foreach (var name in newlyBound)
                {
                    bindings.Remove(name);
                }

                if (!keepGoing)
                {
                    return false;
                }
            }

            newlyBound.Clear();
        }

        return true;
    }

    private static bool Unify(ImmutableArray<Term> pattern, ImmutableArray<Term> values, Dictionary<string, Term> bindings, List<string> newlyBound)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] is Variable v)
            {
                if (bindings.TryGetValue(v.Name, out var bound))
                {
                    if (!bound.Equals(values[i]))
                    {
                        Undo(bindings, newlyBound);
                        return false;
                    }
                }
                else
                {
                    bindings[v.Name] = values[i];
                    newlyBound.Add(v.Name);
                }
            }
            else if (!pattern[i].Equals(values[i]))
            {
                Undo(bindings, newlyBound);
                return false;
            }
        }

        return true;
    }

    private static void Undo(Dictionary<string, Term> bindings, List<string> newlyBound)
    {
        foreach (var name in newlyBound)
        {
            bindings.Remove(name);
        }

        newlyBound.Clear();
    }

    private static Term Substitute(Term term, Dictionary<string, Term> bindings) => term switch
    {
        Variable v => bindings[v.Name],
        _ => term,
    };
}
