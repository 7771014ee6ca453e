using Hook0.Modules;
using Hook0.Tests.Infrastructure;
using Mono.Cecil;

namespace Hook0.Tests.Architecture;

/// <summary>
/// Which public types of a module's <c>Contracts</c> namespace something outside the module needs, read from the
/// compiled Hook0.Modules and Hook0.Web assemblies with the same reference walk as <see cref="ModuleGraph"/>. A
/// contract is needed when another module, the root composition (<c>Hook0.Modules.ModulesRegistration</c>) or the
/// host refers to it, or when a needed contract shows it in its public surface (a query's result, a command's
/// field): making that one internal would not compile. The tests do not count: they see internals.
/// </summary>
internal static class ContractUse
{
    private const string Root = "Hook0.Modules";

    private static readonly Lazy<IReadOnlyList<string>> Computed = new(Compute);

    /// <summary>Public contract types nothing outside their module needs, by full name.</summary>
    public static IReadOnlyList<string> UnusedPublicContracts => Computed.Value;

    /// <summary>
    /// The rule itself: <paramref name="contracts"/> maps each public contract type to its module,
    /// <paramref name="uses"/> lists (using module, or null for the host and the composition root; used type), and
    /// <paramref name="surface"/> gives the types a contract shows publicly.
    /// </summary>
    public static IReadOnlyList<string> Unused(
        IReadOnlyDictionary<string, string> contracts, IEnumerable<(string? From, string To)> uses, ILookup<string, string> surface)
    {
        var needed = new HashSet<string>(
            uses.Where(u => contracts.TryGetValue(u.To, out var owner) && u.From != owner).Select(u => u.To), StringComparer.Ordinal);
        var pending = new Queue<string>(needed);
        while (pending.TryDequeue(out var contract))
        {
            foreach (var shown in surface[contract].Where(contracts.ContainsKey))
            {
                if (needed.Add(shown))
                {
                    pending.Enqueue(shown);
                }
            }
        }

        return [.. contracts.Keys.Where(c => !needed.Contains(c)).Order(StringComparer.Ordinal)];
    }

    private static IReadOnlyList<string> Compute()
    {
        using var modules = AssemblyDefinition.ReadAssembly(typeof(ModulesRegistration).Assembly.Location);
        using var host = AssemblyDefinition.ReadAssembly(typeof(Program).Assembly.Location);

        var contracts = modules.MainModule.Types
            .Where(t => t.IsPublic && ModuleGraph.ModuleOf(t.FullName) is { } m && t.Namespace.StartsWith($"{Root}.{m}.Contracts", StringComparison.Ordinal))
            .ToDictionary(t => t.FullName, t => ModuleGraph.ModuleOf(t.FullName)!, StringComparer.Ordinal);

        var uses = new List<(string? From, string To)>();
        foreach (var type in modules.MainModule.GetTypes())
        {
            var owner = ModuleGraph.Outermost(type);
            var from = ModuleGraph.ModuleOf(owner.FullName);
            // Generated code outside the module namespaces (the Mediator generator's) names every message: not a use.
            if (from is null && owner.Namespace != Root)
            {
                continue;
            }

            uses.AddRange(Referenced(type).Select(to => (from, to)));
        }

        foreach (var type in host.MainModule.GetTypes())
        {
            uses.AddRange(Referenced(type).Select(to => ((string?)null, to)));
        }

        uses.AddRange(ConstantUses(contracts, modules.MainModule));

        var surface = modules.MainModule.GetTypes()
            .Where(t => contracts.ContainsKey(ModuleGraph.Outermost(t).FullName))
            .SelectMany(t => PublicSurface(t).Select(shown => (Contract: ModuleGraph.Outermost(t).FullName, Shown: shown)))
            .ToLookup(p => p.Contract, p => p.Shown, StringComparer.Ordinal);

        return Unused(contracts, uses, surface);
    }

    /// <summary>
    /// Uses of a contract that holds only constants: the compiler copies a constant into the code that reads it, so
    /// the compiled user names no type. Those are found in the sources instead, as <c>Name.</c> in a module's or the
    /// host's <c>.cs</c> and <c>.razor</c> files.
    /// </summary>
    private static IEnumerable<(string? From, string To)> ConstantUses(Dictionary<string, string> contracts, ModuleDefinition module)
    {
        var constantsOnly = module.Types
            .Where(t => contracts.ContainsKey(t.FullName) && t.Fields.Count > 0 && t.Fields.All(f => f.IsLiteral) && t.Methods.All(m => m.IsConstructor))
            .ToList();
        if (constantsOnly.Count == 0)
        {
            yield break;
        }

        var sources = new[] { "Hook0.Modules", "Hook0.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, project), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Module: SourceModule(f), Text: File.ReadAllText(f)))
            .ToList();
        foreach (var type in constantsOnly)
        {
            foreach (var (from, _) in sources.Where(s => s.Text.Contains(type.Name + ".", StringComparison.Ordinal)))
            {
                yield return (from, type.FullName);
            }
        }
    }

    /// <summary>The module whose folder holds the file; null for the host and the composition root.</summary>
    private static string? SourceModule(string path)
    {
        var relative = Path.GetRelativePath(RepositoryPaths.Root, path).Split(Path.DirectorySeparatorChar);
        return relative is ["Hook0.Modules", var folder, _, ..] && ModuleGraph.Layers.Contains(folder) ? folder : null;
    }

    private static IEnumerable<string> Referenced(TypeDefinition type)
        => ModuleGraph.ReferencedTypes(type).Select(ModuleGraph.Outermost).Select(t => t.FullName).Distinct();

    /// <summary>The types a public contract shows: base type, its interfaces' type arguments, public members.</summary>
    private static IEnumerable<string> PublicSurface(TypeDefinition type)
    {
        var shown = new List<TypeReference?> { type.BaseType };
        // A public type may implement an internal interface, but not name an internal type as an interface's argument.
        shown.AddRange(type.Interfaces.Select(i => i.InterfaceType).OfType<GenericInstanceType>().SelectMany(i => i.GenericArguments));
        shown.AddRange(type.Fields.Where(f => f.IsPublic).Select(f => f.FieldType));
        shown.AddRange(type.Properties.Where(p => p.GetMethod?.IsPublic == true).Select(p => p.PropertyType));
        foreach (var method in type.Methods.Where(m => m.IsPublic))
        {
            shown.Add(method.ReturnType);
            shown.AddRange(method.Parameters.Select(p => p.ParameterType));
        }

        return shown.SelectMany(Flatten).Select(ModuleGraph.Outermost).Select(t => t.FullName).Distinct();
    }

    private static IEnumerable<TypeReference> Flatten(TypeReference? type)
        => type switch
        {
            null or GenericParameter => [],
            GenericInstanceType generic => [.. Flatten(generic.ElementType), .. generic.GenericArguments.SelectMany(Flatten)],
            TypeSpecification specification => Flatten(specification.ElementType),
            _ => [type],
        };
}
