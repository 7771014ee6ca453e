using System.Collections.Immutable;
using Google.Protobuf;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit.Format;

/// <summary>Turns a wire <c>Block</c> into resolved datalog, validating indexes and the declared version.</summary>
internal sealed class BlockDecoder
{
    public const uint MinVersion = 3;
    public const uint MaxVersion = 6;

    private readonly SymbolTable _symbols;
    private readonly PublicKeyTable _keys;

    internal BlockDecoder(SymbolTable symbols, PublicKeyTable keys)
    {
        _symbols = symbols;
        _keys = keys;
    }

    /// <summary>
    /// Decodes block bytes. The block's own symbols and keys are appended to <paramref name="symbols"/>
    /// and <paramref name="keys"/> (callers pass fresh tables for third-party blocks).
    /// </summary>
    public static TokenBlock Decode(ByteString bytes, SymbolTable symbols, PublicKeyTable keys, PublicKey? externalKey)
    {
        var proto = ProtoReader.Parse(Wire.Block.Parser, bytes, "block");
        var version = proto.HasVersion ? proto.Version : 0;
        if (version is < MinVersion or > MaxVersion)
        {
            throw new TokenFormatException(
                BiscuitErrorKind.UnsupportedVersion,
                $"unsupported block version {version} (supported: {MinVersion} to {MaxVersion})");
        }

        if (externalKey is not null && version < 5)
        {
            throw new TokenFormatException(BiscuitErrorKind.UnsupportedVersion, "third-party blocks need block version 5 or more");
        }

        ValidateEncodingForVersion(proto, version);
        symbols.Extend(proto.Symbols);
        var blockKeys = proto.PublicKeys.Select(ProtoKeys.Decode).ToList();
        keys.Extend(blockKeys);

        var decoder = new BlockDecoder(symbols, keys);
        var block = new Block(
            [.. proto.Facts.Select(decoder.Fact)],
            [.. proto.Rules.Select(decoder.Rule)],
            [.. proto.Checks.Select(decoder.Check)],
            [.. proto.Scope.Select(decoder.Scope)],
            proto.HasContext ? proto.Context : null);

        var needed = VersionDetector.Detect(block, strict: false);
        if (needed > version)
        {
            throw new TokenFormatException(
                BiscuitErrorKind.UnsupportedVersion,
                $"block declares version {version} but uses features of version {needed}");
        }

        return new TokenBlock(block, version, [.. proto.Symbols], blockKeys, externalKey);
    }

    private static void ValidateEncodingForVersion(Wire.Block proto, uint version)
    {
        if (version < 4 && (proto.Scope.Count > 0 || proto.Checks.Any(c => c.HasKind) || proto.Rules.Any(r => r.Scope.Count > 0)
            || proto.Checks.Any(c => c.Queries.Any(q => q.Scope.Count > 0))))
        {
            throw new TokenFormatException(BiscuitErrorKind.UnsupportedVersion, "v3.1 features (scopes, check kinds) in a version 3 block");
        }

        if (version < 6 && proto.Checks.Any(c => c.HasKind && c.Kind == Wire.Check.Types.Kind.Reject))
        {
            throw new TokenFormatException(BiscuitErrorKind.UnsupportedVersion, "reject if in a block older than version 6");
        }
    }

    internal Rule Rule(Wire.Rule rule)
    {
        var head = Predicate(Required(rule.Head, "rule head"), allowVariables: true);
        return new Rule(
            head,
            [.. rule.Body.Select(p => Predicate(p, allowVariables: true))],
            [.. rule.Expressions.Select(e => new Expression(Ops(e.Ops)))],
            [.. rule.Scope.Select(Scope)]);
    }

    internal Check Check(Wire.Check check)
    {
        var kind = !check.HasKind ? CheckKind.One : check.Kind switch
        {
            Wire.Check.Types.Kind.One => CheckKind.One,
            Wire.Check.Types.Kind.All => CheckKind.All,
            Wire.Check.Types.Kind.Reject => CheckKind.Reject,
            _ => throw Malformed($"unknown check kind {(int)check.Kind}"),
        };
        return new Check(kind, [.. check.Queries.Select(Rule)]);
    }

    internal Fact Fact(Wire.Fact fact) => new(Predicate(Required(fact.Predicate, "fact"), allowVariables: false));

    internal Policy Policy(Wire.Policy policy) => new(
        policy.Kind switch
        {
            Wire.Policy.Types.Kind.Allow => PolicyKind.Allow,
            Wire.Policy.Types.Kind.Deny => PolicyKind.Deny,
            _ => throw Malformed($"unknown policy kind {(int)policy.Kind}"),
        },
        [.. policy.Queries.Select(Rule)]);

    internal Scope Scope(Wire.Scope scope) => scope.ContentCase switch
    {
        Wire.Scope.ContentOneofCase.ScopeType => scope.ScopeType switch
        {
            Wire.Scope.Types.ScopeType.Authority => Datalog.Scope.Authority,
            Wire.Scope.Types.ScopeType.Previous => Datalog.Scope.Previous,
            _ => throw Malformed($"unknown scope type {(int)scope.ScopeType}"),
        },
        Wire.Scope.ContentOneofCase.PublicKey => Datalog.Scope.Trusting(_keys.Get(scope.PublicKey)),
        _ => throw Malformed("empty scope"),
    };

    private Predicate Predicate(Wire.Predicate predicate, bool allowVariables) =>
        new(_symbols.Get(predicate.Name), [.. predicate.Terms.Select(t => Term(t, allowVariables))]);

    private Term Term(Wire.Term term, bool allowVariables) => term.ContentCase switch
    {
        Wire.Term.ContentOneofCase.Variable when allowVariables => new Variable(_symbols.Get(term.Variable)),
        Wire.Term.ContentOneofCase.Variable => throw Malformed("variables are not allowed in facts"),
        Wire.Term.ContentOneofCase.Integer => new IntegerTerm(term.Integer),
        Wire.Term.ContentOneofCase.String => new StringTerm(_symbols.Get(term.String)),
        Wire.Term.ContentOneofCase.Date => new DateTerm(term.Date),
        Wire.Term.ContentOneofCase.Bytes => new BytesTerm(term.Bytes.ToByteArray()),
        Wire.Term.ContentOneofCase.Bool => BoolTerm.Of(term.Bool),
        Wire.Term.ContentOneofCase.Null => NullTerm.Instance,
        Wire.Term.ContentOneofCase.Set => Set(term.Set),
        Wire.Term.ContentOneofCase.Array => new ArrayTerm([.. term.Array.Array_.Select(t => Term(t, allowVariables: false))]),
        Wire.Term.ContentOneofCase.Map => Map(term.Map),
        _ => throw Malformed("empty term"),
    };

    private SetTerm Set(Wire.TermSet set)
    {
        var elements = set.Set.Select(t => Term(t, allowVariables: false)).ToList();
        if (elements.Any(e => e is SetTerm))
        {
            throw Malformed("sets cannot contain sets");
        }

        return new SetTerm(elements);
    }

    private MapTerm Map(Wire.Map map) => new(map.Entries.Select(entry =>
    {
        var key = Required(entry.Key, "map key");
        Term keyTerm = key.ContentCase switch
        {
            Wire.MapKey.ContentOneofCase.Integer => new IntegerTerm(key.Integer),
            Wire.MapKey.ContentOneofCase.String => new StringTerm(_symbols.Get(key.String)),
            _ => throw Malformed("empty map key"),
        };
        return new KeyValuePair<Term, Term>(keyTerm, Term(Required(entry.Value, "map value"), allowVariables: false));
    }));

    private ImmutableArray<Op> Ops(IEnumerable<Wire.Op> ops) => [.. ops.Select(Op)];

    private Op Op(Wire.Op op) => op.ContentCase switch
    {
        Wire.Op.ContentOneofCase.Value => new ValueOp(Term(op.Value, allowVariables: true)),
        Wire.Op.ContentOneofCase.Unary => Unary(op.Unary),
        Wire.Op.ContentOneofCase.Binary => Binary(op.Binary),
        Wire.Op.ContentOneofCase.Closure => new ClosureOp(
            [.. op.Closure.Params.Select(p => _symbols.Get(p))],
            Ops(op.Closure.Ops)),
        _ => throw Malformed("empty op"),
    };

    private UnaryOp Unary(Wire.OpUnary unary)
    {
        var kind = (UnaryOperator)unary.Kind;
        if (!Enum.IsDefined(kind))
        {
            throw Malformed($"unknown unary operator {(int)unary.Kind}");
        }

        return kind == UnaryOperator.Ffi
            ? new UnaryOp(kind, _symbols.Get(unary.HasFfiName ? unary.FfiName : throw Malformed("external call without a name")))
            : new UnaryOp(kind);
    }

    private BinaryOp Binary(Wire.OpBinary binary)
    {
        var kind = (BinaryOperator)binary.Kind;
        if (!Enum.IsDefined(kind))
        {
            throw Malformed($"unknown binary operator {(int)binary.Kind}");
        }

        return kind == BinaryOperator.Ffi
            ? new BinaryOp(kind, _symbols.Get(binary.HasFfiName ? binary.FfiName : throw Malformed("external call without a name")))
            : new BinaryOp(kind);
    }

    private static T Required<T>(T? value, string what) where T : class =>
        value ?? throw Malformed($"missing {what}");

    private static TokenFormatException Malformed(string message) =>
        new(BiscuitErrorKind.Deserialization, "invalid block: " + message);
}
