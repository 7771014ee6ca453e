using Google.Protobuf;
using Hook0.Biscuit.Datalog;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit.Format;

/// <summary>Serializes datalog into a wire <c>Block</c>, interning strings and keys into the given tables.</summary>
internal sealed class BlockEncoder
{
    private readonly SymbolTable _symbols;
    private readonly PublicKeyTable _keys;

    internal BlockEncoder(SymbolTable symbols, PublicKeyTable keys)
    {
        _symbols = symbols;
        _keys = keys;
    }

    /// <summary>
    /// Encodes a block; new symbols and keys are appended to the tables and listed in the block.
    /// Third-party blocks get fresh tables and at least version 5.
    /// </summary>
    public static (byte[] Bytes, uint Version) Encode(Block block, SymbolTable symbols, PublicKeyTable keys, bool thirdParty)
    {
        var symbolsBefore = symbols.Symbols.Count;
        var keysBefore = keys.Keys.Count;
        var encoder = new BlockEncoder(symbols, keys);
        var proto = new Wire.Block();
        proto.Facts.AddRange(block.Facts.Select(encoder.Fact));
        proto.Rules.AddRange(block.Rules.Select(encoder.Rule));
        proto.Checks.AddRange(block.Checks.Select(encoder.Check));
        proto.Scope.AddRange(block.Scopes.Select(encoder.Scope));
        if (block.Context is not null)
        {
            proto.Context = block.Context;
        }

        var version = VersionDetector.Detect(block, strict: true);
        if (thirdParty)
        {
            version = Math.Max(version, 5);
        }

        proto.Version = version;
        proto.Symbols.AddRange(symbols.Symbols.Skip(symbolsBefore));
        proto.PublicKeys.AddRange(keys.Keys.Skip(keysBefore).Select(ProtoKeys.Encode));
        return (proto.ToByteArray(), version);
    }

    internal Wire.Rule Rule(Rule rule)
    {
        var proto = new Wire.Rule { Head = Predicate(rule.Head) };
        proto.Body.AddRange(rule.Body.Select(Predicate));
        proto.Expressions.AddRange(rule.Expressions.Select(e =>
        {
            var expression = new Wire.Expression();
            expression.Ops.AddRange(e.Ops.Select(Op));
            return expression;
        }));
        proto.Scope.AddRange(rule.Scopes.Select(Scope));
        return proto;
    }

    internal Wire.Check Check(Check check)
    {
        var proto = new Wire.Check();
        proto.Queries.AddRange(check.Queries.Select(Rule));

        // "check if" is written without a kind, as the reference does, so v3 readers accept it.
        if (check.Kind != CheckKind.One)
        {
            proto.Kind = check.Kind == CheckKind.All ? Wire.Check.Types.Kind.All : Wire.Check.Types.Kind.Reject;
        }

        return proto;
    }

    internal Wire.Fact Fact(Fact fact) => new() { Predicate = Predicate(fact.Predicate) };

    internal Wire.Policy Policy(Policy policy)
    {
        var proto = new Wire.Policy { Kind = policy.Kind == PolicyKind.Allow ? Wire.Policy.Types.Kind.Allow : Wire.Policy.Types.Kind.Deny };
        proto.Queries.AddRange(policy.Queries.Select(Rule));
        return proto;
    }

    internal Wire.Scope Scope(Scope scope) => scope.Kind switch
    {
        ScopeKind.Authority => new Wire.Scope { ScopeType = Wire.Scope.Types.ScopeType.Authority },
        ScopeKind.Previous => new Wire.Scope { ScopeType = Wire.Scope.Types.ScopeType.Previous },
        _ => new Wire.Scope { PublicKey = _keys.Intern(scope.PublicKey!) },
    };

    internal Wire.Predicate Predicate(Predicate predicate)
    {
        var proto = new Wire.Predicate { Name = _symbols.Intern(predicate.Name) };
        proto.Terms.AddRange(predicate.Terms.Select(Term));
        return proto;
    }

    private Wire.Term Term(Term term)
    {
        switch (term)
        {
            case Variable v:
                return new Wire.Term { Variable = checked((uint)_symbols.Intern(v.Name)) };
            case IntegerTerm i:
                return new Wire.Term { Integer = i.Value };
            case StringTerm s:
                return new Wire.Term { String = _symbols.Intern(s.Value) };
            case DateTerm d:
                return new Wire.Term { Date = d.SecondsSinceEpoch };
            case BytesTerm b:
                return new Wire.Term { Bytes = ByteString.CopyFrom(b.Raw) };
            case BoolTerm b:
                return new Wire.Term { Bool = b.Value };
            case NullTerm:
                return new Wire.Term { Null = new Wire.Empty() };
            case SetTerm s:
                var set = new Wire.TermSet();
                set.Set.AddRange(s.Elements.Select(Term).Order(WireTermOrder.Instance));
                return new Wire.Term { Set = set };
            case ArrayTerm a:
                var array = new Wire.Array();
                array.Array_.AddRange(a.Elements.Select(Term));
                return new Wire.Term { Array = array };
            case MapTerm m:
                var map = new Wire.Map();
                map.Entries.AddRange(m.Entries.Select(e => new Wire.MapEntry
                {
                    Key = e.Key is IntegerTerm k ? new Wire.MapKey { Integer = k.Value } : new Wire.MapKey { String = _symbols.Intern(((StringTerm)e.Key).Value) },
                    Value = Term(e.Value),
                }).OrderBy(e => e.Key, WireTermOrder.Instance));
                return new Wire.Term { Map = map };
            default:
                throw new ArgumentException($"unsupported term {term.GetType().Name}", nameof(term));
        }
    }

    private Wire.Op Op(Op op)
    {
        switch (op)
        {
            case ValueOp v:
                return new Wire.Op { Value = Term(v.Value) };
            case UnaryOp u:
                var unary = new Wire.OpUnary { Kind = (Wire.OpUnary.Types.Kind)u.Operator };
                if (u.FfiName is not null)
                {
                    unary.FfiName = _symbols.Intern(u.FfiName);
                }

                return new Wire.Op { Unary = unary };
            case BinaryOp b:
                var binary = new Wire.OpBinary { Kind = (Wire.OpBinary.Types.Kind)b.Operator };
                if (b.FfiName is not null)
                {
                    binary.FfiName = _symbols.Intern(b.FfiName);
                }

                return new Wire.Op { Binary = binary };
            case ClosureOp c:
                var closure = new Wire.OpClosure();
                closure.Params.AddRange(c.Parameters.Select(p => checked((uint)_symbols.Intern(p))));
                closure.Ops.AddRange(c.Body.Select(Op));
                return new Wire.Op { Closure = closure };
            default:
                throw new ArgumentException($"unsupported op {op.GetType().Name}", nameof(op));
        }
    }
}
