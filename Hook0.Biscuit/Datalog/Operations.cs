using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>Unary opcodes (wire values of <c>OpUnary.Kind</c>).</summary>
public enum UnaryOperator
{
    Negate = 0,
    Parens = 1,
    Length = 2,
    TypeOf = 3,
    Ffi = 4,
}

/// <summary>Binary opcodes (wire values of <c>OpBinary.Kind</c>).</summary>
public enum BinaryOperator
{
    LessThan = 0,
    GreaterThan = 1,
    LessOrEqual = 2,
    GreaterOrEqual = 3,
    Equal = 4,
    Contains = 5,
    Prefix = 6,
    Suffix = 7,
    Regex = 8,
    Add = 9,
    Sub = 10,
    Mul = 11,
    Div = 12,
    And = 13,
    Or = 14,
    Intersection = 15,
    Union = 16,
    BitwiseAnd = 17,
    BitwiseOr = 18,
    BitwiseXor = 19,
    NotEqual = 20,
    HeterogeneousEqual = 21,
    HeterogeneousNotEqual = 22,
    LazyAnd = 23,
    LazyOr = 24,
    All = 25,
    Any = 26,
    Get = 27,
    Ffi = 28,
    TryOr = 29,
}

/// <summary>One instruction of a postfix expression.</summary>
public abstract record Op;

/// <summary>Pushes a value (or a variable's bound value).</summary>
public sealed record ValueOp(Term Value) : Op;

/// <summary>Pops one value and pushes the result.</summary>
public sealed record UnaryOp(UnaryOperator Operator, string? FfiName = null) : Op;

/// <summary>Pops two values (right then left) and pushes the result.</summary>
public sealed record BinaryOp(BinaryOperator Operator, string? FfiName = null) : Op;

/// <summary>Pushes a closure: a parameter list and a body, run later by a closure-taking binary op.</summary>
public sealed record ClosureOp(ImmutableArray<string> Parameters, ImmutableArray<Op> Body) : Op;
