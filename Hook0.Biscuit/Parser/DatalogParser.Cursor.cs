using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Parser;

/// <summary>Low-level reading: position, whitespace and comments, keywords, names.</summary>
public sealed partial class DatalogParser
{
    // Deeply nested parentheses or collections would otherwise overflow the stack.
    private const int MaxDepth = 128;

    private readonly string _source;
    private int _position;
    private int _depth;

    private bool AtEnd
    {
        get
        {
            SkipSpace();
            return _position >= _source.Length;
        }
    }

    private char Current => _position < _source.Length ? _source[_position] : '\0';

    private char Peek(int offset) => _position + offset < _source.Length ? _source[_position + offset] : '\0';

    /// <summary>Skips spaces, tabs, newlines and <c>//</c> or <c>/* */</c> comments.</summary>
    private void SkipSpace()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_position < _source.Length && _source[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = _source.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("unterminated comment");
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Consumes a symbol (operator or punctuation) after optional space.</summary>
    private bool Accept(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_source, _position, symbol, 0, symbol.Length) == 0)
        {
            _position += symbol.Length;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
        {
            throw Error($"expected '{symbol}'");
        }
    }

    /// <summary>Consumes a case-insensitive keyword that is not followed by a name character.</summary>
    private bool AcceptKeyword(string keyword)
    {
        SkipSpace();
        if (string.Compare(_source, _position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && !IsNameChar(Peek(keyword.Length)))
        {
            _position += keyword.Length;
            return true;
        }

        return false;
    }

    /// <summary>Consumes two keywords separated by whitespace (<c>check if</c>); restores the position when they are not there.</summary>
    private bool AcceptKeywords(string first, string second)
    {
        var start = _position;
        if (AcceptKeyword(first) && _position < _source.Length && char.IsWhiteSpace(_source[_position]) && AcceptKeyword(second))
        {
            return true;
        }

        _position = start;
        return false;
    }

    private string? TryName()
    {
        SkipSpace();
        var start = _position;
        while (_position < _source.Length && IsNameChar(_source[_position]))
        {
            _position++;
        }

        return _position > start ? _source[start.._position] : null;
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or ':';

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("nesting is too deep");
        }
    }

    private void Leave() => _depth--;

    private DatalogParseException Error(string message) => new(message, _position, _source);

    private DatalogParseException Error(string message, int position) => new(message, position, _source);
}
