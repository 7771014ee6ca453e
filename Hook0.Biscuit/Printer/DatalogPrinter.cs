using System.Text;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Printer;

/// <summary>Canonical text of predicates, rules, checks, policies and blocks (specification §11).</summary>
internal static class DatalogPrinter
{
    public static string Print(Predicate predicate)
    {
        var builder = new StringBuilder();
        AppendPredicate(builder, predicate);
        return builder.ToString();
    }

    public static string Print(Rule rule)
    {
        var builder = new StringBuilder();
        AppendPredicate(builder, rule.Head);
        builder.Append(" <- ");
        AppendBody(builder, rule);
        return builder.ToString();
    }

    public static string Print(Check check) =>
        (check.Kind switch
        {
            CheckKind.One => "check if ",
            CheckKind.All => "check all ",
            _ => "reject if ",
        }) + Queries(check.Queries);

    public static string Print(Policy policy) =>
        (policy.Kind == PolicyKind.Allow ? "allow if " : "deny if ") + Queries(policy.Queries);

    /// <summary>
    /// Block source as the reference prints it: facts, rules, checks. Like the reference, the
    /// block-level <c>trusting</c> annotation is not printed (it is available as <see cref="Block.Scopes"/>).
    /// </summary>
    public static string Print(Block block)
    {
        var builder = new StringBuilder();
        foreach (var fact in block.Facts)
        {
            builder.Append(fact).Append(";\n");
        }

        foreach (var rule in block.Rules)
        {
            builder.Append(Print(rule)).Append(";\n");
        }

        foreach (var check in block.Checks)
        {
            builder.Append(Print(check)).Append(";\n");
        }

        return builder.ToString();
    }

    private static string Queries(IEnumerable<Rule> queries)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var query in queries)
        {
            if (!first)
            {
                builder.Append(" or ");
            }

            AppendBody(builder, query);
            first = false;
        }

        return builder.ToString();
    }

    private static void AppendBody(StringBuilder builder, Rule rule)
    {
        var first = true;
        foreach (var predicate in rule.Body)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            AppendPredicate(builder, predicate);
            first = false;
        }

        foreach (var expression in rule.Expressions)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            builder.Append(ExpressionPrinter.Print(expression.Ops));
            first = false;
        }

        if (!rule.Scopes.IsEmpty)
        {
            builder.Append(" trusting ").AppendJoin(", ", rule.Scopes);
        }
    }

    private static void AppendPredicate(StringBuilder builder, Predicate predicate)
    {
        builder.Append(predicate.Name).Append('(');
        for (var i = 0; i < predicate.Terms.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            TermPrinter.Append(builder, predicate.Terms[i]);
        }

        builder.Append(')');
    }
}
