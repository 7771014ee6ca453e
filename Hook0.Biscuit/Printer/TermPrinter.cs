using System.Globalization;
using System.Text;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Printer;

/// <summary>Canonical text of terms (strings are printed raw, as the reference does).</summary>
internal static class TermPrinter
{
    public static string Print(Term term)
    {
        var builder = new StringBuilder();
        Append(builder, term);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, Term term)
    {
        switch (term)
        {
            case Variable v:
                builder.Append('$').Append(v.Name);
                break;
            case IntegerTerm i:
                builder.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case StringTerm s:
                builder.Append('"').Append(s.Value).Append('"');
                break;
            case DateTerm d:
                builder.Append(d.ToRfc3339());
                break;
            case BytesTerm b:
                builder.Append("hex:").Append(Convert.ToHexStringLower(b.Raw));
                break;
            case BoolTerm b:
                builder.Append(b.Value ? "true" : "false");
                break;
            case NullTerm:
                builder.Append("null");
                break;
            case SetTerm s when s.Count == 0:
                builder.Append("{,}");
                break;
            case SetTerm s:
                builder.Append('{');
                AppendJoined(builder, s.Elements);
                builder.Append('}');
                break;
            case ArrayTerm a:
                builder.Append('[');
                AppendJoined(builder, a.Elements);
                builder.Append(']');
                break;
            case MapTerm m:
                builder.Append('{');
                for (var i = 0; i < m.Entries.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, m.Entries[i].Key);
                    builder.Append(": ");
                    Append(builder, m.Entries[i].Value);
                }

                builder.Append('}');
                break;
            default:
                throw new ArgumentException($"unsupported term {term.GetType().Name}", nameof(term));
        }
    }

    private static void AppendJoined(StringBuilder builder, IEnumerable<Term> terms)
    {
        var first = true;
        foreach (var term in terms)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            Append(builder, term);
            first = false;
        }
    }
}
