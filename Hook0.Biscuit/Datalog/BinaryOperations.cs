using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Datalog;

/// <summary>Semantics of the eager binary opcodes (everything except closures), specification §9.1.</summary>
internal static class BinaryOperations
{
    public static Term Apply(BinaryOperator op, Term left, Term right, Func<Term, Term, Term> callExtern) => op switch
    {
        BinaryOperator.LessThan => Compare(op, left, right, c => c < 0),
        BinaryOperator.GreaterThan => Compare(op, left, right, c => c > 0),
        BinaryOperator.LessOrEqual => Compare(op, left, right, c => c <= 0),
        BinaryOperator.GreaterOrEqual => Compare(op, left, right, c => c >= 0),
        BinaryOperator.Equal => BoolTerm.Of(StrictEquals(op, left, right)),
        BinaryOperator.NotEqual => BoolTerm.Of(!StrictEquals(op, left, right)),
        BinaryOperator.HeterogeneousEqual => BoolTerm.Of(left.Equals(right)),
        BinaryOperator.HeterogeneousNotEqual => BoolTerm.Of(!left.Equals(right)),
        BinaryOperator.Contains => BoolTerm.Of(Contains(left, right)),
        BinaryOperator.Prefix => (left, right) switch
        {
            (StringTerm l, StringTerm r) => BoolTerm.Of(l.Value.StartsWith(r.Value, StringComparison.Ordinal)),
            (ArrayTerm l, ArrayTerm r) => BoolTerm.Of(l.Elements.AsSpan().StartsWith(r.Elements.AsSpan())),
            _ => throw TypeError(op, left, right),
        },
        BinaryOperator.Suffix => (left, right) switch
        {
            (StringTerm l, StringTerm r) => BoolTerm.Of(l.Value.EndsWith(r.Value, StringComparison.Ordinal)),
            (ArrayTerm l, ArrayTerm r) => BoolTerm.Of(l.Elements.AsSpan().EndsWith(r.Elements.AsSpan())),
            _ => throw TypeError(op, left, right),
        },
        BinaryOperator.Regex => (left, right) is (StringTerm l, StringTerm r)
            ? BoolTerm.Of(RegexCache.IsMatch(r.Value, l.Value))
            : throw TypeError(op, left, right),
        BinaryOperator.Add => (left, right) switch
        {
            (IntegerTerm l, IntegerTerm r) => Checked(() => checked(l.Value + r.Value)),
            (StringTerm l, StringTerm r) => new StringTerm(l.Value + r.Value),
            _ => throw TypeError(op, left, right),
        },
        BinaryOperator.Sub => Integers(op, left, right, (l, r) => Checked(() => checked(l - r))),
        BinaryOperator.Mul => Integers(op, left, right, (l, r) => Checked(() => checked(l * r))),
        BinaryOperator.Div => Integers(op, left, right, Divide),
        BinaryOperator.And => Booleans(op, left, right, (l, r) => l & r),
        BinaryOperator.Or => Booleans(op, left, right, (l, r) => l | r),
        BinaryOperator.Intersection => (left, right) is (SetTerm l, SetTerm r)
            ? new SetTerm(l.Elements.Where(r.Contains))
            : throw TypeError(op, left, right),
        BinaryOperator.Union => (left, right) is (SetTerm l, SetTerm r)
            ? new SetTerm(l.Elements.Concat(r.Elements))
            : throw TypeError(op, left, right),
        BinaryOperator.BitwiseAnd => Integers(op, left, right, (l, r) => new IntegerTerm(l & r)),
        BinaryOperator.BitwiseOr => Integers(op, left, right, (l, r) => new IntegerTerm(l | r)),
        BinaryOperator.BitwiseXor => Integers(op, left, right, (l, r) => new IntegerTerm(l ^ r)),
        BinaryOperator.Get => Get(op, left, right),
        BinaryOperator.Ffi => callExtern(left, right),
        _ => throw new ExecutionException(BiscuitErrorKind.InvalidType, $"{op} needs a closure operand"),
    };

    private static BoolTerm Compare(BinaryOperator op, Term left, Term right, Func<int, bool> test) => (left, right) switch
    {
        (IntegerTerm l, IntegerTerm r) => BoolTerm.Of(test(l.Value.CompareTo(r.Value))),
        (DateTerm l, DateTerm r) => BoolTerm.Of(test(l.SecondsSinceEpoch.CompareTo(r.SecondsSinceEpoch))),
        _ => throw TypeError(op, left, right),
    };

    /// <summary>Strict equality (<c>===</c>, <c>!==</c>) is only defined between values of the same kind.</summary>
    private static bool StrictEquals(BinaryOperator op, Term left, Term right) =>
        left.GetType() == right.GetType() && left is not Variable
            ? left.Equals(right)
            : throw TypeError(op, left, right);

    private static bool Contains(Term left, Term right) => (left, right) switch
    {
        (StringTerm l, StringTerm r) => l.Value.Contains(r.Value, StringComparison.Ordinal),
        (SetTerm l, SetTerm r) => r.Elements.All(l.Contains),
        (SetTerm, NullTerm or ArrayTerm or MapTerm) => throw TypeError(BinaryOperator.Contains, left, right),
        (SetTerm l, _) => l.Contains(right),
        (ArrayTerm l, _) => l.Elements.Contains(right),
        (MapTerm l, IntegerTerm or StringTerm) => l.ContainsKey(right),
        (MapTerm, _) => false,
        _ => throw TypeError(BinaryOperator.Contains, left, right),
    };

    private static Term Get(BinaryOperator op, Term left, Term right) => (left, right) switch
    {
        (ArrayTerm a, IntegerTerm i) => i.Value >= 0 && i.Value < a.Elements.Length ? a.Elements[(int)i.Value] : NullTerm.Instance,
        (MapTerm m, IntegerTerm or StringTerm) => m.Get(right) ?? NullTerm.Instance,
        _ => throw TypeError(op, left, right),
    };

    private static IntegerTerm Divide(long left, long right)
    {
        if (right == 0 || (left == long.MinValue && right == -1))
        {
            throw new ExecutionException(BiscuitErrorKind.DivideByZero, "division by zero or overflow");
        }

        return new IntegerTerm(left / right);
    }

    private static IntegerTerm Checked(Func<long> compute)
    {
        try
        {
            return new IntegerTerm(compute());
        }
        catch (OverflowException e)
        {
            throw new ExecutionException(BiscuitErrorKind.Overflow, "integer overflow", e);
        }
    }

    private static Term Integers(BinaryOperator op, Term left, Term right, Func<long, long, Term> compute) =>
        (left, right) is (IntegerTerm l, IntegerTerm r) ? compute(l.Value, r.Value) : throw TypeError(op, left, right);

    private static BoolTerm Booleans(BinaryOperator op, Term left, Term right, Func<bool, bool, bool> compute) =>
        (left, right) is (BoolTerm l, BoolTerm r) ? BoolTerm.Of(compute(l.Value, r.Value)) : throw TypeError(op, left, right);

    private static ExecutionException TypeError(BinaryOperator op, Term left, Term right) =>
        new(BiscuitErrorKind.InvalidType, $"{op} is not defined on ({left.TypeName}, {right.TypeName})");
}
