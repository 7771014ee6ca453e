using System.Globalization;

namespace Hook0.Biscuit.Datalog;

/// <summary>A rule variable, written <c>$name</c>.</summary>
public sealed class Variable(string name) : Term
{
    public string Name { get; } = name;

    public override string TypeName => "variable";

    internal override int Rank => -1;

    public override bool Equals(Term? other) => other is Variable v && v.Name == Name;

    public override int GetHashCode() => HashCode.Combine(1, Name);
}

/// <summary>A signed 64-bit integer.</summary>
public sealed class IntegerTerm(long value) : Term
{
    public long Value { get; } = value;

    public override string TypeName => "integer";

    internal override int Rank => 0;

    public override bool Equals(Term? other) => other is IntegerTerm i && i.Value == Value;

    public override int GetHashCode() => HashCode.Combine(2, Value);
}

/// <summary>A UTF-8 string (interned as a symbol on the wire).</summary>
public sealed class StringTerm(string value) : Term
{
    public string Value { get; } = value;

    public override string TypeName => "string";

    internal override int Rank => 1;

    public override bool Equals(Term? other) => other is StringTerm s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(3, StringComparer.Ordinal.GetHashCode(Value));
}

/// <summary>A date, as seconds since the Unix epoch (UTC).</summary>
public sealed class DateTerm(ulong secondsSinceEpoch) : Term
{
    public ulong SecondsSinceEpoch { get; } = secondsSinceEpoch;

    public override string TypeName => "date";

    internal override int Rank => 2;

    /// <summary>Converts a timestamp, truncated to the second; dates before 1970 are not representable.</summary>
    public static DateTerm Of(DateTimeOffset value)
    {
        var seconds = value.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(value));
        return new DateTerm((ulong)seconds);
    }

    /// <summary>The date as an RFC 3339 UTC string, e.g. <c>2018-12-20T00:00:00Z</c>.</summary>
    public string ToRfc3339()
    {
        // Dates beyond DateTimeOffset's range cannot come from text but may come from the wire.
        if (SecondsSinceEpoch > 253402300799UL)
        {
            return SecondsSinceEpoch.ToString(CultureInfo.InvariantCulture);
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)SecondsSinceEpoch).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    public override bool Equals(Term? other) => other is DateTerm d && d.SecondsSinceEpoch == SecondsSinceEpoch;

    public override int GetHashCode() => HashCode.Combine(4, SecondsSinceEpoch);
}

/// <summary>An opaque byte string, written <c>hex:…</c>.</summary>
public sealed class BytesTerm(byte[] value) : Term
{
    private readonly byte[] _value = value;

    public ReadOnlyMemory<byte> Value => _value;

    public override string TypeName => "bytes";

    internal override int Rank => 3;

    internal byte[] Raw => _value;

    public override bool Equals(Term? other) => other is BytesTerm b && b._value.AsSpan().SequenceEqual(_value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(5);
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }
}

/// <summary>A boolean.</summary>
public sealed class BoolTerm : Term
{
    public static readonly BoolTerm True = new(true);
    public static readonly BoolTerm False = new(false);

    private BoolTerm(bool value)
    {
        Value = value;
    }

    public bool Value { get; }

    public override string TypeName => "bool";

    internal override int Rank => 4;

    public static BoolTerm Of(bool value) => value ? True : False;

    public override bool Equals(Term? other) => other is BoolTerm b && b.Value == Value;

    public override int GetHashCode() => HashCode.Combine(6, Value);
}

/// <summary>The <c>null</c> value (datalog v3.3).</summary>
public sealed class NullTerm : Term
{
    public static readonly NullTerm Instance = new();

    private NullTerm()
    {
    }

    public override string TypeName => "null";

    internal override int Rank => 6;

    public override bool Equals(Term? other) => other is NullTerm;

    public override int GetHashCode() => 7;
}
