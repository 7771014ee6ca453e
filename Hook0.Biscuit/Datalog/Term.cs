namespace Hook0.Biscuit.Datalog;

/// <summary>
/// A datalog value (or a variable in rules). Terms hold resolved values — strings are strings,
/// not symbol indexes — so the engine never needs a symbol table; indexes exist only on the wire.
/// </summary>
public abstract class Term : IEquatable<Term>
{
    private protected Term()
    {
    }

    /// <summary>Kind name as returned by <c>.type()</c>; also the ordering rank used when printing sets.</summary>
    public abstract string TypeName { get; }

    internal abstract int Rank { get; }

    public abstract bool Equals(Term? other);

    public override bool Equals(object? obj) => obj is Term t && Equals(t);

    public abstract override int GetHashCode();

    /// <summary>Canonical datalog text of the term.</summary>
    public override string ToString() => Printer.TermPrinter.Print(this);

    public static implicit operator Term(long value) => new IntegerTerm(value);

    public static implicit operator Term(string value) => new StringTerm(value);

    public static implicit operator Term(bool value) => value ? BoolTerm.True : BoolTerm.False;

    public static implicit operator Term(byte[] value) => new BytesTerm(value);

    public static implicit operator Term(DateTimeOffset value) => DateTerm.Of(value);

    public static Term FromInt64(long value) => new IntegerTerm(value);

    public static Term FromString(string value) => new StringTerm(value);

    public static Term FromBoolean(bool value) => value ? BoolTerm.True : BoolTerm.False;

    public static Term FromByteArray(byte[] value) => new BytesTerm(value);

    public static Term FromDateTimeOffset(DateTimeOffset value) => DateTerm.Of(value);
}
