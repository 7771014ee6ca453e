namespace Hook0.Biscuit.Engine;

/// <summary>
/// A set of block ids: where a fact came from, or which blocks a rule trusts (specification §7).
/// Block 0 is the authority; <see cref="AuthorizerId"/> stands for the authorizer.
/// </summary>
internal sealed class Origin : IEquatable<Origin>
{
    /// <summary>The authorizer's id, as the reference prints it (<c>usize::MAX</c>).</summary>
    public const ulong AuthorizerId = ulong.MaxValue;

    public static readonly Origin Authorizer = new([AuthorizerId]);

    private readonly ulong[] _ids;
    private readonly int _hash;

    private Origin(ulong[] sortedIds)
    {
        _ids = sortedIds;
        var hash = new HashCode();
        foreach (var id in sortedIds)
        {
            hash.Add(id);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<ulong> Ids => _ids;

    public static Origin Of(IEnumerable<ulong> ids) => new([.. ids.Distinct().Order()]);

    public static Origin Block(ulong id) => new([id]);

    public Origin Union(Origin other)
    {
        if (other._ids.All(id => Array.BinarySearch(_ids, id) >= 0))
        {
            return this;
        }

        return Of(_ids.Concat(other._ids));
    }

    public bool Contains(ulong id) => Array.BinarySearch(_ids, id) >= 0;

    public bool IsSubsetOf(Origin other)
    {
        foreach (var id in _ids)
        {
            if (!other.Contains(id))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(Origin? other) =>
        other is not null && other._hash == _hash && other._ids.AsSpan().SequenceEqual(_ids);

    public override bool Equals(object? obj) => obj is Origin o && Equals(o);

    public override int GetHashCode() => _hash;

    public override string ToString() =>
        "{" + string.Join(", ", _ids.Select(id => id == AuthorizerId ? "authorizer" : id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "}";
}
