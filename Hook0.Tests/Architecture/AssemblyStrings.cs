using System.Reflection;
using System.Reflection.Emit;

namespace Hook0.Tests.Architecture;

/// <summary>
/// Every string the compiled code of an assembly can use, with the type that holds it: the literals its methods
/// load (<c>ldstr</c> in their IL — lambdas, async state machines and the parts of interpolated strings included)
/// and its string constants. What ships, not what the source says: comments and attribute arguments are not in it.
/// </summary>
internal static class AssemblyStrings
{
    // Operand sizes, from the runtime's own opcode table: only ldstr's operand is read, the rest is skipped.
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static IEnumerable<(Type Type, string Value)> Of(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            foreach (var field in type.GetFields(Declared).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                yield return (type, (string)field.GetRawConstantValue()!);
            }

            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
                {
                    continue;
                }

                foreach (var token in LdstrTokens(il))
                {
                    yield return (type, method.Module.ResolveString(token));
                }
            }
        }
    }

    private static IEnumerable<int> LdstrTokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short code = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (code == OpCodes.Ldstr.Value)
            {
                yield return BitConverter.ToInt32(il, i);
            }

            i += Operands[code] switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }
}
