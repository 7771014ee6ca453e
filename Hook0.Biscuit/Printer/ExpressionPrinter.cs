using System.Collections.Immutable;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Printer;

/// <summary>
/// Rebuilds infix text from postfix opcodes. No parentheses are invented: the <c>Parens</c>
/// opcode records where the source had them, so printing is faithful to the original text.
/// </summary>
internal static class ExpressionPrinter
{
    private const string Invalid = "<invalid expression>";

    public static string Print(ImmutableArray<Op> ops)
    {
        var stack = new Stack<string>();
        foreach (var op in ops)
        {
            switch (op)
            {
                case ValueOp v:
                    stack.Push(TermPrinter.Print(v.Value));
                    break;
                case ClosureOp c:
                    var body = Print(c.Body);
                    stack.Push(c.Parameters.IsEmpty ? body : string.Join(", ", c.Parameters.Select(p => "$" + p)) + " -> " + body);
                    break;
                case UnaryOp u when stack.Count >= 1:
                    stack.Push(Unary(u, stack.Pop()));
                    break;
                case BinaryOp b when stack.Count >= 2:
                    var right = stack.Pop();
                    stack.Push(Binary(b, stack.Pop(), right));
                    break;
                default:
                    return Invalid;
            }
        }

        return stack.Count == 1 ? stack.Pop() : Invalid;
    }

    private static string Unary(UnaryOp op, string value) => op.Operator switch
    {
        UnaryOperator.Negate => "!" + value,
        UnaryOperator.Parens => "(" + value + ")",
        UnaryOperator.Length => value + ".length()",
        UnaryOperator.TypeOf => value + ".type()",
        UnaryOperator.Ffi => value + ".extern::" + op.FfiName + "()",
        _ => Invalid,
    };

    private static string Binary(BinaryOp op, string left, string right) => op.Operator switch
    {
        BinaryOperator.LessThan => $"{left} < {right}",
        BinaryOperator.GreaterThan => $"{left} > {right}",
        BinaryOperator.LessOrEqual => $"{left} <= {right}",
        BinaryOperator.GreaterOrEqual => $"{left} >= {right}",
        BinaryOperator.Equal => $"{left} === {right}",
        BinaryOperator.NotEqual => $"{left} !== {right}",
        BinaryOperator.HeterogeneousEqual => $"{left} == {right}",
        BinaryOperator.HeterogeneousNotEqual => $"{left} != {right}",
        BinaryOperator.Add => $"{left} + {right}",
        BinaryOperator.Sub => $"{left} - {right}",
        BinaryOperator.Mul => $"{left} * {right}",
        BinaryOperator.Div => $"{left} / {right}",
        BinaryOperator.And => $"{left} &&! {right}",
        BinaryOperator.Or => $"{left} ||! {right}",
        BinaryOperator.LazyAnd => $"{left} && {right}",
        BinaryOperator.LazyOr => $"{left} || {right}",
        BinaryOperator.BitwiseAnd => $"{left} & {right}",
        BinaryOperator.BitwiseOr => $"{left} | {right}",
        BinaryOperator.BitwiseXor => $"{left} ^ {right}",
        BinaryOperator.Contains => $"{left}.contains({right})",
        BinaryOperator.Prefix => $"{left}.starts_with({right})",
        BinaryOperator.Suffix => $"{left}.ends_with({right})",
        BinaryOperator.Regex => $"{left}.matches({right})",
        BinaryOperator.Intersection => $"{left}.intersection({right})",
        BinaryOperator.Union => $"{left}.union({right})",
        BinaryOperator.All => $"{left}.all({right})",
        BinaryOperator.Any => $"{left}.any({right})",
        BinaryOperator.Get => $"{left}.get({right})",
        BinaryOperator.TryOr => $"{left}.try_or({right})",
        BinaryOperator.Ffi => $"{left}.extern::{op.FfiName}({right})",
        _ => Invalid,
    };
}
