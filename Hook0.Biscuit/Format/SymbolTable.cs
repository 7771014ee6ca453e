using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Format;

/// <summary>
/// Maps wire symbol indexes to strings: 0–27 are the default symbols, token symbols start at 1024.
/// A token has one table shared by its first-party blocks; each third-party block has its own.
/// </summary>
internal sealed class SymbolTable
{
    public const int Offset = 1024;

    private static readonly string[] Defaults =
    [
        "read", "write", "resource", "operation", "right", "time", "role", "owner", "tenant", "namespace",
        "user", "team", "service", "admin", "email", "group", "member", "ip_address", "client", "client_ip",
        "domain", "path", "version", "cluster", "node", "hostname", "nonce", "query",
    ];

    private static readonly Dictionary<string, ulong> DefaultIndexes =
        Defaults.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => (ulong)p.i, StringComparer.Ordinal);

    private readonly List<string> _symbols = [];
    private readonly Dictionary<string, ulong> _indexes = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Symbols => _symbols;

    public SymbolTable Clone()
    {
        var copy = new SymbolTable();
        foreach (var symbol in _symbols)
        {
            copy.AddUnchecked(symbol);
        }

        return copy;
    }

    /// <summary>Appends a block's symbol list, rejecting any string already known.</summary>
    public void Extend(IEnumerable<string> symbols)
    {
        foreach (var symbol in symbols)
        {
            if (DefaultIndexes.ContainsKey(symbol) || _indexes.ContainsKey(symbol))
            {
                throw new TokenFormatException(BiscuitErrorKind.SymbolTableOverlap, $"symbol table overlap: '{symbol}' is already defined");
            }

            AddUnchecked(symbol);
        }
    }

    public string Get(ulong index)
    {
        if (index < Offset)
        {
            return index < (ulong)Defaults.Length
                ? Defaults[index]
                : throw new TokenFormatException(BiscuitErrorKind.UnknownSymbol, $"unknown symbol index {index}");
        }

        var local = index - Offset;
        return local < (ulong)_symbols.Count
            ? _symbols[(int)local]
            : throw new TokenFormatException(BiscuitErrorKind.UnknownSymbol, $"unknown symbol index {index}");
    }

    /// <summary>Index of a string, adding it to the table when new.</summary>
    public ulong Intern(string symbol)
    {
        if (DefaultIndexes.TryGetValue(symbol, out var index) || _indexes.TryGetValue(symbol, out index))
        {
            return index;
        }

        return AddUnchecked(symbol);
    }

    private ulong AddUnchecked(string symbol)
    {
        var index = (ulong)(Offset + _symbols.Count);
        _symbols.Add(symbol);
        _indexes[symbol] = index;
        return index;
    }
}
