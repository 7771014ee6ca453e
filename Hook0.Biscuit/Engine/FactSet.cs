using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Engine;

/// <summary>Facts with their origins, indexed by predicate name and arity for joins.</summary>
internal sealed class FactSet
{
    private readonly HashSet<(Origin Origin, Fact Fact)> _all = [];
    private readonly Dictionary<(string Name, int Arity), List<(Origin Origin, Fact Fact)>> _byPredicate = [];

    public int Count => _all.Count;

    public IEnumerable<(Origin Origin, Fact Fact)> All => _all;

    public bool Contains(Origin origin, Fact fact) => _all.Contains((origin, fact));

    public bool Add(Origin origin, Fact fact)
    {
        if (!_all.Add((origin, fact)))
        {
            return false;
        }

        var key = (fact.Name, fact.Predicate.Terms.Length);
        if (!_byPredicate.TryGetValue(key, out var list))
        {
            list = [];
            _byPredicate[key] = list;
        }

        list.Add((origin, fact));
        return true;
    }

    public IReadOnlyList<(Origin Origin, Fact Fact)> Matching(string name, int arity) =>
        _byPredicate.TryGetValue((name, arity), out var list) ? list : [];
}
