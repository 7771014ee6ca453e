using System.Text.RegularExpressions;
using Hook0.Modules;

namespace Hook0.Tests.Architecture;

/// <summary>
/// A module's SQL touches only its own schema, or another module's through a view that module declares in its own
/// migrations (house rule: a module reads another's data only through what the owner publishes). The type-reference
/// rules cannot see this: a table name in a string is no dependency.
/// <para>
/// It reads the compiled assembly's strings (<see cref="AssemblyStrings"/>), attributed to a module by the namespace
/// of the type that holds them, rather than the source files: no C# parsing of our own (raw, verbatim and
/// interpolated strings, comments), the compiler's view of what is a string, and nothing but what ships. Every
/// string is read, not only those that look like SQL: a table name kept apart from its statement (say, a job's
/// table in a constant) is caught too. Migrations are read like the rest: a module migrates its own schema only.
/// SQL that names a table without its schema is not seen; the project always qualifies.
/// </para>
/// </summary>
public sealed class SqlOwnershipTests
{
    private static readonly Dictionary<string, string> OwnerOfSchema = new()
    {
        ["iam"] = "Organizations",
        ["event"] = "Ingestion",
        ["webhook"] = "Delivery",
        ["infrastructure"] = "Kernel",
    };

    private static readonly string[] Modules = ["Kernel", "Organizations", "Ingestion", "Delivery", "Dashboard", "Assistant"];

    // Strings that look like a schema-qualified name and are not SQL, each with the reason. Kept short on purpose:
    // every string is read (not only SQL-looking ones), so a real exception is named here rather than unseen.
    private static readonly HashSet<(string Type, string Name)> NotSql =
    [
        // The Node verification snippet the subscription editor shows: `webhook` is a standardwebhooks object.
        ("Hook0.Modules.Dashboard.Subscriptions.VerificationSnippets", "webhook.verify"),
    ];

    // A schema-qualified name: not the tail of a longer dotted name (a .NET namespace, a host name).
    private static readonly Regex QualifiedName = new(@"(?<![\w.$])(iam|event|webhook|infrastructure)\.([a-z_][a-z0-9_]*)\b(?!\.\w)",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex ViewDeclaration = new(@"CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+(iam|event|webhook|infrastructure)\.([a-z_][a-z0-9_]*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Lazy<List<(string Module, string Type, string Value)>> Strings = new(() =>
        [.. AssemblyStrings.Of(typeof(ModulesRegistration).Assembly)
            .Select(s => (Module: ModuleOf(s.Type), Type: Outermost(s.Type).FullName!, s.Value))
            .Where(s => s.Module is not null)
            .Select(s => (s.Module!, s.Type, s.Value))]);

    // Lambdas and async methods compile to nested types: a string is the type's that wrote it.
    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static string? ModuleOf(Type type)
        => type.Namespace?.Split('.') is ["Hook0", "Modules", var module, ..] && Modules.Contains(module) ? module : null;

    /// <summary>The views each module declares on its own schema, for the others to read.</summary>
    internal static HashSet<string> DeclaredViews(IEnumerable<(string Module, string Type, string Value)> strings)
        => [.. strings.SelectMany(s => ViewDeclaration.Matches(s.Value).Where(m => OwnerOfSchema[m.Groups[1].Value] == s.Module)
            .Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}"))];

    /// <summary>Each name of another module's schema a module's string uses that is not a view that module declares.</summary>
    internal static IEnumerable<string> Violations(string module, IEnumerable<(string Module, string Type, string Value)> strings, HashSet<string> views)
        => from s in strings
           where s.Module == module
           from Match m in QualifiedName.Matches(s.Value)
           let name = $"{m.Groups[1].Value}.{m.Groups[2].Value}"
           where OwnerOfSchema[m.Groups[1].Value] != module && !views.Contains(name) && !NotSql.Contains((s.Type, name))
           select $"{s.Type} uses {name} (owned by {OwnerOfSchema[m.Groups[1].Value]}): {Snippet(s.Value, m.Index)}";

    private static string Snippet(string value, int at)
    {
        var from = Math.Max(0, at - 60);
        return value.Substring(from, Math.Min(value.Length - from, 140)).ReplaceLineEndings(" ");
    }

    public static IEnumerable<TestCaseData> ModuleNames() => Modules.Select(m => new TestCaseData(m).SetName($"{m}'s SQL touches only its own schema and other modules' views"));

    [TestCaseSource(nameof(ModuleNames))]
    public void A_module_SQL_touches_only_its_own_schema_and_the_views_other_modules_declare(string module)
    {
        var violations = Violations(module, Strings.Value, DeclaredViews(Strings.Value)).Distinct().ToList();

        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void The_scan_sees_the_modules_SQL()
    {
        // Guards the guard: if the strings stopped being read, every module would pass with nothing to check.
        var schemasSeen = Strings.Value.SelectMany(s => QualifiedName.Matches(s.Value).Select(m => (s.Module, Schema: m.Groups[1].Value))).Distinct().ToList();

        Assert.That(schemasSeen, Is.SupersetOf(new[] { ("Organizations", "iam"), ("Ingestion", "event"), ("Delivery", "webhook"), ("Kernel", "infrastructure"), ("Delivery", "event") }));
        Assert.That(DeclaredViews(Strings.Value), Does.Contain("event.delivery_payload"), "Ingestion's view for Delivery's claim");
    }

    [Test]
    public void A_foreign_table_is_refused_and_the_owner_s_view_is_allowed()
    {
        (string, string, string)[] strings =
        [
            ("Ingestion", "Ingestion.Migration", "CREATE OR REPLACE VIEW event.delivery_payload AS SELECT event_id FROM event.event"),
            ("Delivery", "Delivery.Claim", "SELECT d.payload FROM webhook.delivery_queue q JOIN event.delivery_payload d USING (event_id)"),
            ("Delivery", "Delivery.Sneak", "SELECT payload FROM event.event WHERE event_id = @id"),
            ("Delivery", "Delivery.Own", "CREATE VIEW iam.peek AS SELECT 1"), // a view on someone else's schema is no owner's view
            ("Delivery", "Delivery.Peek", "SELECT * FROM iam.peek"),
        ];

        var violations = Violations("Delivery", strings, DeclaredViews(strings)).ToList();

        Assert.That(violations, Has.Count.EqualTo(3));
        Assert.That(violations[0], Does.StartWith("Delivery.Sneak uses event.event (owned by Ingestion)"));
        Assert.That(violations[1], Does.StartWith("Delivery.Own uses iam.peek"));
        Assert.That(violations[2], Does.StartWith("Delivery.Peek uses iam.peek"));
    }
}
