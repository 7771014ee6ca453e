using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>
/// An unordered set of scalar values. Elements keep the order they were given in (the order the
/// token stores them in) so printing reproduces the reference output; equality ignores order.
/// </summary>
public sealed class SetTerm : Term
{
    private readonly HashSet<Term> _lookup;

    public SetTerm(IEnumerable<Term> elements)
    {
        _lookup = [];
        var builder = ImmutableArray.CreateBuilder<Term>();
        foreach (var element in elements)
        {
            if (_lookup.Add(element))
            {
                builder.Add(element);
            }
        }

        Elements = builder.ToImmutable();
    }

    public ImmutableArray<Term> Elements { get; }

    public int Count => Elements.Length;

    public override string TypeName => "set";

    internal override int Rank => 5;

    public bool Contains(Term element) => _lookup.Contains(element);

    /// <summary>Creates a set ordered canonically (by kind, then value), as text-built sets are.</summary>
    public static SetTerm Sorted(IEnumerable<Term> elements) => new(elements.Order(TermOrder.Instance));

    public override bool Equals(Term? other) =>
        other is SetTerm s && s.Count == Count && Elements.All(s._lookup.Contains);

    public override int GetHashCode()
    {
        // Order-independent: XOR of element hashes.
        var hash = 8;
        foreach (var element in Elements)
        {
            hash ^= element.GetHashCode();
        }

        return hash;
    }
}

/// <summary>An ordered list of values (datalog v3.3).</summary>
public sealed class ArrayTerm(ImmutableArray<Term> elements) : Term
{
    public ImmutableArray<Term> Elements { get; } = elements;

    public override string TypeName => "array";

    internal override int Rank => 7;

    public override bool Equals(Term? other) =>
        other is ArrayTerm a && a.Elements.AsSpan().SequenceEqual(Elements.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(9);
        foreach (var element in Elements)
        {
            hash.Add(element);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// A map from integer or string keys to values (datalog v3.3). Entries keep their given order for
/// printing; a repeated key keeps its last value; equality ignores order.
/// </summary>
public sealed class MapTerm : Term
{
    private readonly Dictionary<Term, Term> _lookup;

    public MapTerm(IEnumerable<KeyValuePair<Term, Term>> entries)
    {
        _lookup = [];
        var order = new List<Term>();
        foreach (var (key, value) in entries)
        {
            if (key is not (IntegerTerm or StringTerm))
            {
                throw new ArgumentException("map keys must be integers or strings", nameof(entries));
            }

            if (!_lookup.ContainsKey(key))
            {
                order.Add(key);
            }

            _lookup[key] = value;
        }

        Entries = [.. order.Select(k => new KeyValuePair<Term, Term>(k, _lookup[k]))];
    }

    public ImmutableArray<KeyValuePair<Term, Term>> Entries { get; }

    public int Count => Entries.Length;

    public override string TypeName => "map";

    internal override int Rank => 8;

    public bool ContainsKey(Term key) => _lookup.ContainsKey(key);

    public Term? Get(Term key) => _lookup.GetValueOrDefault(key);

    /// <summary>Creates a map ordered canonically (integer keys first, then strings), as text-built maps are.</summary>
    public static MapTerm Sorted(IEnumerable<KeyValuePair<Term, Term>> entries)
    {
        var deduplicated = new Dictionary<Term, Term>();
        foreach (var (key, value) in entries)
        {
            deduplicated[key] = value;
        }

        return new MapTerm(deduplicated.OrderBy(e => e.Key, TermOrder.Instance));
    }

    public override bool Equals(Term? other) =>
        other is MapTerm m && m.Count == Count
        && Entries.All(e => m._lookup.TryGetValue(e.Key, out var v) && v.Equals(e.Value));

    public override int GetHashCode()
    {
        var hash = 10;
        foreach (var (key, value) in Entries)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }
}
