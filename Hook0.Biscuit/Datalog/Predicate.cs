using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>A predicate <c>name(term, ...)</c>: a fact when it has no variables, a rule head or body atom otherwise.</summary>
public sealed class Predicate : IEquatable<Predicate>
{
    private readonly int _hash;

    public Predicate(string name, ImmutableArray<Term> terms)
    {
        Name = name;
        Terms = terms;
        var hash = new HashCode();
        hash.Add(name, StringComparer.Ordinal);
        foreach (var term in terms)
        {
            hash.Add(term);
        }

        _hash = hash.ToHashCode();
    }

    public string Name { get; }

    public ImmutableArray<Term> Terms { get; }

    public bool Equals(Predicate? other) =>
        other is not null && other._hash == _hash && other.Name == Name
        && other.Terms.AsSpan().SequenceEqual(Terms.AsSpan());

    public override bool Equals(object? obj) => obj is Predicate p && Equals(p);

    public override int GetHashCode() => _hash;

    public override string ToString() => Printer.DatalogPrinter.Print(this);
}
