using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit.Format;

/// <summary>
/// The order the reference keeps set elements and map keys in, hence writes and prints them in:
/// by kind (the oneof field numbers follow the reference's variant order), then by value, strings
/// by symbol index. Writing sets in this order makes other implementations print them as we do.
/// </summary>
internal sealed class WireTermOrder : IComparer<Wire.Term>, IComparer<Wire.MapKey>
{
    public static readonly WireTermOrder Instance = new();

    public int Compare(Wire.Term? x, Wire.Term? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        }

        var byKind = x.ContentCase.CompareTo(y.ContentCase);
        if (byKind != 0)
        {
            return byKind;
        }

        return x.ContentCase switch
        {
            Wire.Term.ContentOneofCase.Variable => x.Variable.CompareTo(y.Variable),
            Wire.Term.ContentOneofCase.Integer => x.Integer.CompareTo(y.Integer),
            Wire.Term.ContentOneofCase.String => x.String.CompareTo(y.String),
            Wire.Term.ContentOneofCase.Date => x.Date.CompareTo(y.Date),
            Wire.Term.ContentOneofCase.Bytes => x.Bytes.Span.SequenceCompareTo(y.Bytes.Span),
            Wire.Term.ContentOneofCase.Bool => x.Bool.CompareTo(y.Bool),
            _ => 0,
        };
    }

    public int Compare(Wire.MapKey? x, Wire.MapKey? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        }

        var byKind = x.ContentCase.CompareTo(y.ContentCase);
        if (byKind != 0)
        {
            return byKind;
        }

        return x.ContentCase == Wire.MapKey.ContentOneofCase.Integer ? x.Integer.CompareTo(y.Integer) : x.String.CompareTo(y.String);
    }
}
