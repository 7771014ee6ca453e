using System.Collections.Immutable;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Datalog;

/// <summary>
/// The expression stack machine (specification §9.2). Any error aborts authorization, so errors are
/// exceptions; <c>try_or</c> is the one place where they are caught.
/// </summary>
internal sealed class ExpressionEvaluator(IReadOnlyDictionary<string, ExternFunction> externs, Engine.RunBudget budget)
{
    /// <summary>Evaluates a rule constraint; anything but a boolean is a type error.</summary>
    public bool EvaluateCondition(Expression expression, IReadOnlyDictionary<string, Term> bindings) =>
        Evaluate(expression.Ops, bindings) is BoolTerm b
            ? b.Value
            : throw Error(BiscuitErrorKind.InvalidType, "expressions must evaluate to a boolean");

    public Term Evaluate(ImmutableArray<Op> ops, IReadOnlyDictionary<string, Term> bindings)
    {
        var stack = new Stack<StackValue>();
        foreach (var op in ops)
        {
            // Expressions can be long and regular expressions slow: keep the time limit enforced within one expression.
            budget.Step();
            switch (op)
            {
                case ValueOp { Value: Variable v }:
                    stack.Push(new StackValue(bindings.TryGetValue(v.Name, out var bound)
                        ? bound
                        : throw Error(BiscuitErrorKind.UnknownVariable, $"unknown variable ${v.Name}")));
                    break;
                case ValueOp value:
                    stack.Push(new StackValue(value.Value));
                    break;
                case ClosureOp closure:
                    stack.Push(new StackValue(closure));
                    break;
                case UnaryOp unary:
                    stack.Push(new StackValue(Unary(unary, PopTerm(stack))));
                    break;
                case BinaryOp binary:
                    var right = Pop(stack);
                    var left = Pop(stack);
                    stack.Push(new StackValue(Binary(binary, left, right, bindings)));
                    break;
                default:
                    throw Error(BiscuitErrorKind.InvalidStack, "unknown opcode");
            }
        }

        if (stack.Count != 1)
        {
            throw Error(BiscuitErrorKind.InvalidStack, $"expression left {stack.Count} values on the stack");
        }

        return PopTerm(stack);
    }

    private Term Unary(UnaryOp op, Term value) => op.Operator switch
    {
        UnaryOperator.Negate => value is BoolTerm b ? BoolTerm.Of(!b.Value) : throw TypeError("!", value),
        UnaryOperator.Parens => value,
        UnaryOperator.Length => value switch
        {
            StringTerm s => new IntegerTerm(System.Text.Encoding.UTF8.GetByteCount(s.Value)),
            BytesTerm b => new IntegerTerm(b.Raw.Length),
            SetTerm s => new IntegerTerm(s.Count),
            ArrayTerm a => new IntegerTerm(a.Elements.Length),
            MapTerm m => new IntegerTerm(m.Count),
            _ => throw TypeError("length", value),
        },
        UnaryOperator.TypeOf => new StringTerm(value.TypeName),
        UnaryOperator.Ffi => CallExtern(op.FfiName!, value, null),
        _ => throw Error(BiscuitErrorKind.InvalidStack, $"unknown unary operator {op.Operator}"),
    };

    private Term Binary(BinaryOp op, StackValue left, StackValue right, IReadOnlyDictionary<string, Term> bindings)
    {
        switch (op.Operator)
        {
            case BinaryOperator.LazyAnd:
                return AsBool(left, "&&") ? RunClosure(AsClosure(right, 0), bindings, null, "&&") : BoolTerm.False;
            case BinaryOperator.LazyOr:
                return AsBool(left, "||") ? BoolTerm.True : RunClosure(AsClosure(right, 0), bindings, null, "||");
            case BinaryOperator.All:
                return BoolTerm.Of(Elements(left).All(e => AsBool(RunClosure(AsClosure(right, 1), bindings, e, "all"), "all")));
            case BinaryOperator.Any:
                return BoolTerm.Of(Elements(left).Any(e => AsBool(RunClosure(AsClosure(right, 1), bindings, e, "any"), "any")));
            case BinaryOperator.TryOr:
                var fallback = AsTerm(right);
                try
                {
                    return Evaluate(AsClosure(left, 0).Body, bindings);
                }
                catch (ExecutionException)
                {
                    return fallback;
                }

            case BinaryOperator.Regex:
                var matched = BinaryOperations.Apply(op.Operator, AsTerm(left), AsTerm(right), (l, r) => CallExtern(op.FfiName!, l, r));
                budget.CheckTime();
                return matched;
            default:
                return BinaryOperations.Apply(op.Operator, AsTerm(left), AsTerm(right), (l, r) => CallExtern(op.FfiName!, l, r));
        }
    }

    private Term RunClosure(ClosureOp closure, IReadOnlyDictionary<string, Term> bindings, Term? argument, string operation)
    {
        if (closure.Parameters.Length == 0)
        {
            return Evaluate(closure.Body, bindings);
        }

        var parameter = closure.Parameters[0];
        if (bindings.ContainsKey(parameter))
        {
            throw Error(BiscuitErrorKind.ShadowedVariable, $"closure parameter ${parameter} of {operation} shadows a bound variable");
        }

        var scope = new Dictionary<string, Term>(bindings) { [parameter] = argument! };
        return Evaluate(closure.Body, scope);
    }

    private static IEnumerable<Term> Elements(StackValue value) => AsTerm(value) switch
    {
        SetTerm s => s.Elements,
        ArrayTerm a => a.Elements,
        MapTerm m => m.Entries.Select(e => (Term)new ArrayTerm([e.Key, e.Value])),
        var other => throw TypeError("all/any", other),
    };

    private Term CallExtern(string name, Term left, Term? right)
    {
        if (!externs.TryGetValue(name, out var function))
        {
            throw Error(BiscuitErrorKind.UndefinedExtern, $"undefined external function '{name}'");
        }

        try
        {
            return function(left, right) ?? throw new InvalidOperationException("the function returned null");
        }
        catch (Exception e) when (e is not BiscuitException)
        {
            throw new ExecutionException(BiscuitErrorKind.ExternEvalError, $"external function '{name}' failed: {e.Message}", e);
        }
    }

    private static bool AsBool(StackValue value, string operation) =>
        value.Term is BoolTerm b ? b.Value : throw Error(BiscuitErrorKind.InvalidType, $"{operation} expects a boolean");

    private static bool AsBool(Term value, string operation) =>
        value is BoolTerm b ? b.Value : throw TypeError(operation, value);

    private static ClosureOp AsClosure(StackValue value, int parameters) =>
        value.Closure is { } closure && closure.Parameters.Length == parameters
            ? closure
            : throw Error(BiscuitErrorKind.InvalidType, $"expected a closure with {parameters} parameter(s)");

    private static Term AsTerm(StackValue value) =>
        value.Term ?? throw Error(BiscuitErrorKind.InvalidType, "a closure cannot be used as a value");

    private static StackValue Pop(Stack<StackValue> stack) =>
        stack.TryPop(out var value) ? value : throw Error(BiscuitErrorKind.InvalidStack, "stack underflow");

    private static Term PopTerm(Stack<StackValue> stack) => AsTerm(Pop(stack));

    internal static ExecutionException TypeError(string operation, Term value) =>
        Error(BiscuitErrorKind.InvalidType, $"{operation} is not defined on {value.TypeName}");

    internal static ExecutionException Error(BiscuitErrorKind kind, string message) => new(kind, message);

    private readonly record struct StackValue(Term? Term, ClosureOp? Closure)
    {
        public StackValue(Term term) : this(term, null)
        {
        }

        public StackValue(ClosureOp closure) : this(null, closure)
        {
        }
    }
}
