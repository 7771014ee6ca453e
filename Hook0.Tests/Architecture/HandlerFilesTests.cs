using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Architecture;

/// <summary>
/// Each slice's command or query handler is found by its name (ADR 0024): a class handling a command or query is named
/// <c>…Handler</c> and lives alone in <c>…Handler.cs</c>. Notification handlers keep their <c>On…</c> names.
/// </summary>
public sealed partial class HandlerFilesTests
{
    private static string ModulesFolder => Path.Combine(RepositoryPaths.Root, "Hook0.Modules");

    [Test]
    public void Every_command_and_query_handler_is_named_for_what_it_is_and_has_its_own_file()
    {
        var handlers = HandlersBySource(Directory.EnumerateFiles(ModulesFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(ModulesFolder, f), File.ReadAllText(f))));

        Assert.Multiple(() =>
        {
            Assert.That(handlers, Has.Count.GreaterThan(50), "the scan finds the handlers");
            Assert.That(Misnamed(handlers), Is.Empty);
        });
    }

    [Test]
    public void The_rule_refuses_a_handler_in_its_querys_file_or_named_otherwise()
    {
        var found = HandlersBySource([
            ("Ingestion/GetThing/GetThingQuery.cs", "internal sealed class GetThingHandler(Db db) : IQueryHandler<GetThingQuery, ThingDto>"),
            ("Ingestion/DoThing/DoThing.cs", "internal sealed class DoThing : ICommandHandler<DoThingCommand>"),
            ("Ingestion/Fine/FineHandler.cs", "internal sealed class FineHandler : ICommandHandler<FineCommand, Unit>"),
            ("Ingestion/OnThing/OnThing.cs", "internal sealed class OnThing : INotificationHandler<ThingHappened>"),
        ]);

        Assert.That(Misnamed(found), Is.EqualTo(new[]
        {
            "Ingestion/GetThing/GetThingQuery.cs holds GetThingHandler",
            "Ingestion/DoThing/DoThing.cs holds DoThing",
        }));
    }

    private static List<(string File, string Class)> HandlersBySource(IEnumerable<(string File, string Source)> files)
        => [.. from f in files
               from Match m in HandlerClass().Matches(f.Source)
               select (f.File.Replace(Path.DirectorySeparatorChar, '/'), m.Groups[1].Value)];

    private static List<string> Misnamed(IEnumerable<(string File, string Class)> handlers)
        => [.. handlers.Where(h => !h.Class.EndsWith("Handler", StringComparison.Ordinal) || Path.GetFileName(h.File) != h.Class + ".cs")
               .Select(h => $"{h.File} holds {h.Class}")];

    // A class whose base list names a command, query or request handler (notification handlers are not matched).
    [GeneratedRegex(@"\bclass\s+(\w+)\b[^{;]*?:[^{;]*?\b(?:ICommandHandler|IQueryHandler|IRequestHandler|IStreamQueryHandler)<", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HandlerClass();
}
