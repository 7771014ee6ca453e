using System.Text.RegularExpressions;
using Hook0.Modules;
using Hook0.Modules.Kernel.Auth;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Hook0.Tests.Architecture;

/// <summary>
/// Action names are a type only <see cref="Actions"/> makes: no conversion lets a string stand for one, and no other
/// compiled code constructs one, so a message can only declare an action upstream's policy knows.
/// </summary>
public sealed class ActionNameTests
{
    [Test]
    public void No_conversion_turns_a_string_into_an_action()
        => Assert.That(typeof(ActionName).GetMethods().Where(m => m.Name is "op_Implicit" or "op_Explicit").Select(m => m.ToString()), Is.Empty);

    [Test]
    public void Only_Actions_constructs_action_names()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(typeof(ModulesRegistration).Assembly.Location);
        var constructing = assembly.MainModule.GetTypes()
            // The record's own copy (for 'with') copies a declared name: only Actions makes new ones.
            .Where(t => t.FullName != typeof(Actions).FullName && t.FullName != typeof(ActionName).FullName)
            .SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions.Select(i => (Method: m, Instruction: i))))
            .Where(x => x.Instruction.OpCode == OpCodes.Newobj && x.Instruction.Operand is MethodReference { DeclaringType.FullName: var type } && type == typeof(ActionName).FullName)
            .Select(x => x.Method.FullName)
            .ToList();

        Assert.That(constructing, Is.Empty);
    }

    [Test]
    public void Declared_actions_are_distinct_resource_verb_names()
    {
        var names = typeof(Actions).GetFields().Select(f => f.GetValue(null)).OfType<ActionName>().Select(a => a.Name).ToList();

        Assert.That(names, Has.Count.GreaterThan(40));
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.Matches<string>(n => Regex.IsMatch(n, "^[a-z_]+:[a-z_]+$", RegexOptions.NonBacktracking)));
    }
}
