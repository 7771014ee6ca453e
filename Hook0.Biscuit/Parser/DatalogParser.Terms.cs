using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Parser;

/// <summary>Terms: variables, literals, collections and <c>{parameter}</c> placeholders.</summary>
public sealed partial class DatalogParser
{
    private static readonly Regex DatePattern = new(
        @"\G\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex ParameterPattern = new(@"\G\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant);

    /// <summary>Parses a term; variables are only allowed when <paramref name="allowVariables"/>.</summary>
    private Term ParseTerm(bool allowVariables)
    {
        SkipSpace();
        var start = _position;
        var term = TryParseTerm() ?? throw Error("expected a term");
        if (!allowVariables && term is Variable)
        {
            throw Error("variables are not allowed here", start);
        }

        return term;
    }

    private Term? TryParseTerm()
    {
        SkipSpace();
        var c = Current;
        switch (c)
        {
            case '$':
                _position++;
                var name = TryNameNoSpace() ?? throw Error("expected a variable name");
                return new Variable(name);
            case '"':
                return new StringTerm(ParseString());
            case '[':
                return ParseArray();
            case '{':
                return ParseBraced();
        }

        if (DatePattern.Match(_source, _position) is { Success: true } date)
        {
            _position += date.Length;
            return ParseDate(date.Value, _position - date.Length);
        }

        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
        {
            return new IntegerTerm(ParseInteger());
        }

        if (string.CompareOrdinal(_source, _position, "hex:", 0, 4) == 0)
        {
            _position += 4;
            return new BytesTerm(ParseHex());
        }

        if (AcceptKeyword("true"))
        {
            return BoolTerm.True;
        }

        if (AcceptKeyword("false"))
        {
            return BoolTerm.False;
        }

        if (AcceptKeyword("null"))
        {
            return NullTerm.Instance;
        }

        return null;
    }

    private string? TryNameNoSpace()
    {
        var start = _position;
        while (_position < _source.Length && IsNameChar(_source[_position]))
        {
            _position++;
        }

        return _position > start ? _source[start.._position] : null;
    }

    private string ParseString()
    {
        var start = _position;
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length)
            {
                throw Error("unterminated string", start);
            }

            var c = _source[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = _position < _source.Length ? _source[_position++] : '\0';
            builder.Append(escaped switch
            {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => throw Error($"unknown escape sequence '\\{escaped}'", _position - 2),
            });
        }
    }

    private long ParseInteger()
    {
        var start = _position;
        if (Current == '-')
        {
            _position++;
        }

        while (char.IsAsciiDigit(Current))
        {
            _position++;
        }

        return long.TryParse(_source.AsSpan(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error("integer out of the 64-bit range", start);
    }

    private byte[] ParseHex()
    {
        var start = _position;
        while (char.IsAsciiHexDigit(Current))
        {
            _position++;
        }

        var length = _position - start;
        if (length % 2 != 0)
        {
            throw Error("hex: bytes need an even number of digits", start);
        }

        return Convert.FromHexString(_source.AsSpan(start, length));
    }

    private DateTerm ParseDate(string text, int start)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            throw Error("invalid date", start);
        }

        var seconds = date.ToUnixTimeSeconds();
        return seconds >= 0 ? new DateTerm((ulong)seconds) : throw Error("dates before 1970 are not supported", start);
    }

    private ArrayTerm ParseArray()
    {
        Enter();
        Expect("[");
        var elements = ImmutableArray.CreateBuilder<Term>();
        if (!Accept("]"))
        {
            do
            {
                elements.Add(ParseTerm(allowVariables: false));
            }
            while (Accept(","));
            Expect("]");
        }

        Leave();
        return new ArrayTerm(elements.ToImmutable());
    }

    /// <summary>After <c>{</c>: a parameter, the empty set <c>{,}</c>, the empty map <c>{}</c>, a set or a map.</summary>
    private Term ParseBraced()
    {
        var start = _position;
        if (ParameterPattern.Match(_source, _position) is { Success: true } parameter)
        {
            var name = parameter.Groups[1].Value;
            var isLiteral = name is "true" or "false" or "null" && !_parameters.ContainsKey(name);
            if (!isLiteral)
            {
                _position += parameter.Length;
                return UseParameter(name, start);
            }
        }

        Enter();
        Expect("{");
        if (Accept(","))
        {
            Expect("}");
            Leave();
            return new SetTerm([]);
        }

        if (Accept("}"))
        {
            Leave();
            return new MapTerm([]);
        }

        var first = ParseTerm(allowVariables: false);
        Term result = Accept(":") ? ParseMapRest(first, start) : ParseSetRest(first, start);
        Leave();
        return result;
    }

    private SetTerm ParseSetRest(Term first, int start)
    {
        var elements = new List<Term> { first };
        while (Accept(","))
        {
            elements.Add(ParseTerm(allowVariables: false));
        }

        Expect("}");
        if (elements.Any(e => e is SetTerm))
        {
            throw Error("sets cannot contain sets", start);
        }

        if (elements.Select(e => e.GetType()).Distinct().Count() > 1)
        {
            throw Error("set elements must all have the same type", start);
        }

        return SetTerm.Sorted(elements);
    }

    private MapTerm ParseMapRest(Term firstKey, int start)
    {
        var entries = new List<KeyValuePair<Term, Term>>();
        var key = firstKey;
        while (true)
        {
            if (key is not (IntegerTerm or StringTerm))
            {
                throw Error("map keys must be integers or strings", start);
            }

            entries.Add(new(key, ParseTerm(allowVariables: false)));
            if (!Accept(","))
            {
                break;
            }

            key = ParseTerm(allowVariables: false);
            Expect(":");
        }

        Expect("}");
        return MapTerm.Sorted(entries);
    }

    private Term UseParameter(string name, int position)
    {
        if (!_parameters.TryGetValue(name, out var value))
        {
            throw new Errors.BiscuitException(Errors.BiscuitErrorKind.MissingParameter, $"missing parameter '{name}' at offset {position}");
        }

        _usedParameters.Add(name);
        return value;
    }

    private PublicKey UseScopeParameter(string name, int position)
    {
        if (!_scopeParameters.TryGetValue(name, out var value))
        {
            throw new Errors.BiscuitException(Errors.BiscuitErrorKind.MissingParameter, $"missing public key parameter '{name}' at offset {position}");
        }

        _usedParameters.Add(name);
        return value;
    }
}
