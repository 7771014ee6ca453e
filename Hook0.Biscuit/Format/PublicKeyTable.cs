using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Format;

/// <summary>Maps wire key indexes (from 0) to public keys, shared like <see cref="SymbolTable"/>.</summary>
internal sealed class PublicKeyTable
{
    private readonly List<PublicKey> _keys = [];

    public IReadOnlyList<PublicKey> Keys => _keys;

    public PublicKeyTable Clone()
    {
        var copy = new PublicKeyTable();
        copy._keys.AddRange(_keys);
        return copy;
    }

    public void Extend(IEnumerable<PublicKey> keys)
    {
        foreach (var key in keys)
        {
            if (_keys.Contains(key))
            {
                throw new TokenFormatException(BiscuitErrorKind.PublicKeyTableOverlap, $"public key table overlap: {key} is already defined");
            }

            _keys.Add(key);
        }
    }

    public PublicKey Get(long index) =>
        index >= 0 && index < _keys.Count
            ? _keys[(int)index]
            : throw new TokenFormatException(BiscuitErrorKind.UnknownPublicKey, $"unknown public key index {index}");

    public long Intern(PublicKey key)
    {
        var index = _keys.IndexOf(key);
        if (index >= 0)
        {
            return index;
        }

        _keys.Add(key);
        return _keys.Count - 1;
    }
}
