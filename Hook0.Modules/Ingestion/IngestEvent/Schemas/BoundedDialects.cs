using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary>
/// The JSON Schema dialects payload schemas are built with: the library's own (v1 by default, and
/// whichever draft a <c>$schema</c> names), with the keywords that can fan out replaced by their
/// bounded versions. They are registered in a private registry under the official ids, which the
/// library looks up before its global one, so a <c>$schema</c> cannot switch back to an unbounded dialect.
/// </summary>
internal static class BoundedDialects
{
    private static readonly (DialectRegistry Registry, Dialect Default) Dialects = Create();

    /// <summary>Options for one schema: its own schema registry, so one tenant's <c>$id</c> never shadows another's.</summary>
    public static BuildOptions NewBuildOptions()
        => new() { SchemaRegistry = new SchemaRegistry(), DialectRegistry = Dialects.Registry, Dialect = Dialects.Default };

    /// <summary>The dialect ids a <c>$schema</c> may name (compared as the library does, fragment ignored).</summary>
    public static IReadOnlyList<Uri> Known { get; } =
        [MetaSchemas.Draft6Id, MetaSchemas.Draft7Id, MetaSchemas.Draft201909Id, MetaSchemas.Draft202012Id, MetaSchemas.V1Id, MetaSchemas.V1_2026Id];

    private static (DialectRegistry, Dialect) Create()
    {
        IKeywordHandler[] common =
        [
            new BoundedAllOf(), new BoundedAnyOf(), new BoundedOneOf(), new BoundedNot(), new BoundedProperties(),
            new BoundedAdditionalProperties(), new BoundedPatternProperties(), new BoundedPattern(), new BoundedPropertyNames(), new BoundedRef(),
            new BoundedEnum(), new BoundedConst(), new BoundedUniqueItems(), new BoundedRequired(),
        ];
        IKeywordHandler[] conditionals = [new BoundedIf(), new BoundedThen(), new BoundedElse()];
        IKeywordHandler[] draft06Arrays = [new BoundedItemsDraft06(), new BoundedAdditionalItems(), new BoundedContainsDraft06(), new BoundedDependencies()];
        IKeywordHandler[] modern = [.. common, .. conditionals, new BoundedItems(), new BoundedPrefixItems(), new BoundedContains(), new BoundedDependentSchemas(), new BoundedDependentRequired()];

        var registry = new DialectRegistry();
        registry.Register(Dialect.Draft06.With([.. common, .. draft06Arrays], MetaSchemas.Draft6Id));
        registry.Register(Dialect.Draft07.With([.. common, .. conditionals, .. draft06Arrays], MetaSchemas.Draft7Id));
        registry.Register(Dialect.Draft201909.With(
            [.. common, .. conditionals, new BoundedItemsDraft06(), new BoundedAdditionalItems(), new BoundedContains(), new BoundedDependentSchemas(), new BoundedDependentRequired(), new BoundedRecursiveRef()],
            MetaSchemas.Draft201909Id));
        registry.Register(Dialect.Draft202012.With([.. modern, new BoundedDynamicRef202012()], MetaSchemas.Draft202012Id));
        registry.Register(Dialect.V1.With([.. modern, new BoundedDynamicRef()], MetaSchemas.V1Id));
        var v1 = Dialect.V1_2026.With([.. modern, new BoundedDynamicRef()], MetaSchemas.V1_2026Id);
        registry.Register(v1);
        return (registry, v1);
    }
}
