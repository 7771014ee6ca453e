namespace Hook0.Biscuit.Datalog;

/// <summary>
/// Canonical ordering of terms: by kind (integer, string, date, bytes, bool, set, null, array, map),
/// then by value. Used to order sets and maps built from text.
/// </summary>
internal sealed class TermOrder : IComparer<Term>
{
    public static readonly TermOrder Instance = new();

    public int Compare(Term? x, Term? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        }

        var byRank = x.Rank.CompareTo(y.Rank);
        if (byRank != 0)
        {
            return byRank;
        }

        return (x, y) switch
        {
            (IntegerTerm a, IntegerTerm b) => a.Value.CompareTo(b.Value),
            (StringTerm a, StringTerm b) => string.CompareOrdinal(a.Value, b.Value),
            (DateTerm a, DateTerm b) => a.SecondsSinceEpoch.CompareTo(b.SecondsSinceEpoch),
            (BytesTerm a, BytesTerm b) => a.Raw.AsSpan().SequenceCompareTo(b.Raw),
            (BoolTerm a, BoolTerm b) => a.Value.CompareTo(b.Value),
            (Variable a, Variable b) => string.CompareOrdinal(a.Name, b.Name),
            _ => 0,
        };
    }
}
