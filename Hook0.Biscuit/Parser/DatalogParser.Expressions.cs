using System.Collections.Immutable;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Parser;

/// <summary>
/// Expressions, compiled straight to postfix opcodes the way the reference parser emits them
/// (lazy operators and <c>try_or</c> wrap an operand in a closure; parentheses become <c>Parens</c>).
/// </summary>
public sealed partial class DatalogParser
{
    private static readonly (string Text, BinaryOperator Operator)[] Comparisons =
    [
        ("===", BinaryOperator.Equal),
        ("!==", BinaryOperator.NotEqual),
        ("==", BinaryOperator.HeterogeneousEqual),
        ("!=", BinaryOperator.HeterogeneousNotEqual),
        ("<=", BinaryOperator.LessOrEqual),
        (">=", BinaryOperator.GreaterOrEqual),
        ("<", BinaryOperator.LessThan),
        (">", BinaryOperator.GreaterThan),
    ];

    private static readonly Dictionary<string, BinaryOperator> MethodsWithArgument = new(StringComparer.Ordinal)
    {
        ["contains"] = BinaryOperator.Contains,
        ["starts_with"] = BinaryOperator.Prefix,
        ["ends_with"] = BinaryOperator.Suffix,
        ["matches"] = BinaryOperator.Regex,
        ["intersection"] = BinaryOperator.Intersection,
        ["union"] = BinaryOperator.Union,
        ["get"] = BinaryOperator.Get,
    };

    private Expression ParseExpression()
    {
        var ops = new List<Op>();
        ParseLazyOr(ops);
        return new Expression([.. ops]);
    }

    private void ParseLazyOr(List<Op> ops)
    {
        ParseLazyAnd(ops);
        while (Accept("||"))
        {
            var right = new List<Op>();
            ParseLazyAnd(right);
            ops.Add(new ClosureOp([], [.. right]));
            ops.Add(new BinaryOp(BinaryOperator.LazyOr));
        }
    }

    private void ParseLazyAnd(List<Op> ops)
    {
        ParseComparison(ops);
        while (Accept("&&"))
        {
            var right = new List<Op>();
            ParseComparison(right);
            ops.Add(new ClosureOp([], [.. right]));
            ops.Add(new BinaryOp(BinaryOperator.LazyAnd));
        }
    }

    private void ParseComparison(List<Op> ops)
    {
        ParseBitwiseXor(ops);
        SkipSpace();
        foreach (var (text, op) in Comparisons)
        {
            if (Accept(text))
            {
                ParseBitwiseXor(ops);
                ops.Add(new BinaryOp(op));
                return;
            }
        }
    }

    private void ParseBitwiseXor(List<Op> ops) =>
        ParseLeftAssociative(ops, ParseBitwiseOr, () => Accept("^") ? BinaryOperator.BitwiseXor : null);

    private void ParseBitwiseOr(List<Op> ops) =>
        ParseLeftAssociative(ops, ParseBitwiseAnd, () => AcceptSingle('|') ? BinaryOperator.BitwiseOr : null);

    private void ParseBitwiseAnd(List<Op> ops) =>
        ParseLeftAssociative(ops, ParseAdditive, () => AcceptSingle('&') ? BinaryOperator.BitwiseAnd : null);

    private void ParseAdditive(List<Op> ops) =>
        ParseLeftAssociative(ops, ParseMultiplicative, () =>
            Accept("+") ? BinaryOperator.Add : !LooksLikeArrow() && Accept("-") ? BinaryOperator.Sub : null);

    private void ParseMultiplicative(List<Op> ops) =>
        ParseLeftAssociative(ops, ParseUnary, () =>
            Accept("*") ? BinaryOperator.Mul : Accept("/") ? BinaryOperator.Div : null);

    private static void ParseLeftAssociative(List<Op> ops, Action<List<Op>> operand, Func<BinaryOperator?> nextOperator)
    {
        operand(ops);
        while (nextOperator() is { } op)
        {
            operand(ops);
            ops.Add(new BinaryOp(op));
        }
    }

    /// <summary><c>!</c> binds looser than methods but, as in the reference grammar, its operand is an additive expression.</summary>
    private void ParseUnary(List<Op> ops)
    {
        SkipSpace();
        if (Current == '!' && Peek(1) != '=')
        {
            _position++;
            Enter();
            ParseAdditive(ops);
            Leave();
            ops.Add(new UnaryOp(UnaryOperator.Negate));
            return;
        }

        ParseMethodCalls(ops);
    }

    private void ParseMethodCalls(List<Op> output)
    {
        // A local list: try_or wraps everything parsed so far for this operand (and only that) in a closure.
        var ops = new List<Op>();
        ParsePrimary(ops);
        while (true)
        {
            SkipSpace();
            if (Current != '.' || !IsNameStart(Peek(1)))
            {
                output.AddRange(ops);
                return;
            }

            _position++;
            var methodStart = _position;
            var name = TryNameNoSpace()!;
            if (name.StartsWith("extern::", StringComparison.Ordinal) && name.Length > "extern::".Length)
            {
                ParseExternCall(ops, name["extern::".Length..]);
            }
            else if (name is "length" or "type")
            {
                Expect("(");
                Expect(")");
                ops.Add(new UnaryOp(name == "length" ? UnaryOperator.Length : UnaryOperator.TypeOf));
            }
            else if (name is "all" or "any")
            {
                ParseClosureCall(ops, name == "all" ? BinaryOperator.All : BinaryOperator.Any);
            }
            else if (name == "try_or")
            {
                var receiver = ops.ToImmutableArray();
                ops.Clear();
                ops.Add(new ClosureOp([], receiver));
                ParseArgument(ops);
                ops.Add(new BinaryOp(BinaryOperator.TryOr));
            }
            else if (MethodsWithArgument.TryGetValue(name, out var op))
            {
                ParseArgument(ops);
                ops.Add(new BinaryOp(op));
            }
            else
            {
                throw Error($"unknown method '{name}'", methodStart);
            }
        }
    }

    private void ParseExternCall(List<Op> ops, string function)
    {
        Expect("(");
        if (Accept(")"))
        {
            ops.Add(new UnaryOp(UnaryOperator.Ffi, function));
            return;
        }

        Enter();
        ParseLazyOr(ops);
        Leave();
        Expect(")");
        ops.Add(new BinaryOp(BinaryOperator.Ffi, function));
    }

    private void ParseArgument(List<Op> ops)
    {
        Expect("(");
        Enter();
        ParseLazyOr(ops);
        Leave();
        Expect(")");
    }

    private void ParseClosureCall(List<Op> ops, BinaryOperator op)
    {
        Expect("(");
        SkipSpace();
        if (Current != '$')
        {
            throw Error("expected a closure parameter such as $p");
        }

        _position++;
        var parameter = TryNameNoSpace() ?? throw Error("expected a variable name");
        Expect("->");
        var body = new List<Op>();
        Enter();
        ParseLazyOr(body);
        Leave();
        Expect(")");
        ops.Add(new ClosureOp([parameter], [.. body]));
        ops.Add(new BinaryOp(op));
    }

    private void ParsePrimary(List<Op> ops)
    {
        if (Accept("("))
        {
            Enter();
            ParseLazyOr(ops);
            Leave();
            Expect(")");
            ops.Add(new UnaryOp(UnaryOperator.Parens));
            return;
        }

        ops.Add(new ValueOp(ParseTerm(allowVariables: true)));
    }

    /// <summary>Accepts <c>|</c> or <c>&amp;</c> but not the lazy <c>||</c> / <c>&amp;&amp;</c>.</summary>
    private bool AcceptSingle(char symbol)
    {
        SkipSpace();
        if (Current == symbol && Peek(1) != symbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    private bool LooksLikeArrow()
    {
        SkipSpace();
        return Current == '-' && Peek(1) == '>';
    }

    private static bool IsNameStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';
}
