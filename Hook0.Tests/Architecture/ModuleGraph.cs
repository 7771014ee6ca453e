using Hook0.Modules;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Hook0.Tests.Architecture;

/// <summary>
/// The real module graph, read from the compiled Hook0.Modules assembly with Mono.Cecil: module A depends on
/// module B when a type of A (nested and compiler-generated types — lambdas, async state machines — count for
/// the type that holds them) names a type of B in its base type, interfaces, attributes, fields, properties,
/// method signatures, locals, or any type, method or field its IL refers to. What ships, not what the
/// <c>using</c>s say. The root <c>Hook0.Modules</c> namespace (composition) and generated code outside the
/// module namespaces (the Mediator generator's) belong to no module.
/// </summary>
internal static class ModuleGraph
{
    /// <summary>The layering, bottom first: a module may depend only on modules before it (docs/architecture.md).</summary>
    public static readonly string[] Layers = ["Kernel", "Organizations", "Ingestion", "Delivery", "Dashboard", "Assistant"];

    private const string Root = "Hook0.Modules.";

    /// <summary>One module → module edge with the type pairs that make it (for failure messages).</summary>
    public sealed record Edge(string From, string To, IReadOnlyList<string> Evidence);

    private static readonly Lazy<IReadOnlyList<Edge>> Computed = new(Compute);

    public static IReadOnlyList<Edge> Edges => Computed.Value;

    public static string? ModuleOf(string? fullName)
    {
        if (fullName is null || !fullName.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = fullName[Root.Length..];
        var dot = rest.IndexOf('.');
        var module = dot < 0 ? null : rest[..dot];
        return module is not null && Layers.Contains(module) ? module : null;
    }

    private static IReadOnlyList<Edge> Compute()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(typeof(ModulesRegistration).Assembly.Location);
        var evidence = new Dictionary<(string From, string To), SortedSet<string>>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var owner = Outermost(type);
            if (ModuleOf(owner.FullName) is not { } from)
            {
                continue;
            }

            foreach (var referenced in ReferencedTypes(type).Select(Outermost).Select(t => t.FullName).Distinct())
            {
                if (ModuleOf(referenced) is { } to && to != from)
                {
                    if (!evidence.TryGetValue((from, to), out var pairs))
                    {
                        evidence[(from, to)] = pairs = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    pairs.Add($"{owner.FullName} → {referenced}");
                }
            }
        }

        return [.. evidence.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
            .Select(e => new Edge(e.Key.From, e.Key.To, [.. e.Value]))];
    }

    internal static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    internal static List<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    generic.GenericArguments.ToList().ForEach(Add);
                    return;
                case TypeSpecification specification: // arrays, by-ref, pointers, modifiers
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }

        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                attribute.ConstructorArguments.Select(a => a.Value).OfType<TypeReference>().ToList().ForEach(Add);
            }
        }

        void AddMember(MemberReference member)
        {
            switch (member)
            {
                case TypeReference t:
                    Add(t);
                    break;
                case MethodReference m:
                    Add(m.DeclaringType);
                    Add(m.ReturnType);
                    m.Parameters.ToList().ForEach(p => Add(p.ParameterType));
                    if (m is GenericInstanceMethod g)
                    {
                        g.GenericArguments.ToList().ForEach(Add);
                    }

                    break;
                case FieldReference f:
                    Add(f.DeclaringType);
                    Add(f.FieldType);
                    break;
            }
        }

        Add(type.BaseType);
        type.Interfaces.ToList().ForEach(i => Add(i.InterfaceType));
        type.GenericParameters.SelectMany(p => p.Constraints).ToList().ForEach(c => Add(c.ConstraintType));
        AddAttributes(type);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }

        foreach (var e in type.Events)
        {
            Add(e.EventType);
        }

        foreach (var method in type.Methods)
        {
            AddMember(method);
            AddAttributes(method);
            method.Parameters.ToList().ForEach(AddAttributes);
            if (!method.HasBody)
            {
                continue;
            }

            method.Body.Variables.ToList().ForEach(v => Add(v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.Operand is MemberReference member)
                {
                    AddMember(member);
                }
                else if (instruction.OpCode == OpCodes.Calli && instruction.Operand is CallSite site)
                {
                    Add(site.ReturnType);
                    site.Parameters.ToList().ForEach(p => Add(p.ParameterType));
                }
            }
        }

        return found;
    }

    /// <summary>The graph as the Mermaid block <c>docs/architecture.md</c> holds between its markers.</summary>
    public static string Mermaid(IReadOnlyList<Edge> edges)
    {
        var lines = new List<string> { "```mermaid", "flowchart TD" };
        lines.AddRange(Layers.Select(m => $"    {m}"));
        lines.AddRange(edges.Select(e => $"    {e.From} --> {e.To}"));
        lines.Add("```");
        return string.Join('\n', lines);
    }
}
