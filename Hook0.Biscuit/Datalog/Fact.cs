namespace Hook0.Biscuit.Datalog;

/// <summary>A ground predicate: a statement that holds.</summary>
public sealed class Fact : IEquatable<Fact>
{
    public Fact(Predicate predicate)
    {
        if (predicate.Terms.SelectMany(Rule.Variables).Any())
        {
            throw new ArgumentException("a fact cannot contain variables", nameof(predicate));
        }

        Predicate = predicate;
    }

    public Fact(string name, params Term[] terms) : this(new Predicate(name, [.. terms]))
    {
    }

    public Predicate Predicate { get; }

    public string Name => Predicate.Name;

    public bool Equals(Fact? other) => other is not null && other.Predicate.Equals(Predicate);

    public override bool Equals(object? obj) => obj is Fact f && Equals(f);

    public override int GetHashCode() => Predicate.GetHashCode();

    public override string ToString() => Predicate.ToString();
}
