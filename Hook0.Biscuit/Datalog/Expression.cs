using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>A boolean constraint of a rule body, stored as postfix opcodes exactly as on the wire.</summary>
public sealed class Expression(ImmutableArray<Op> ops)
{
    public ImmutableArray<Op> Ops { get; } = ops;

    public override string ToString() => Printer.ExpressionPrinter.Print(Ops);
}
