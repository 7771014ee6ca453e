using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Architecture;

/// <summary>
/// The tests mirror the modules (<see cref="TestLayout"/>): a new test file in a folder of its own invention, or
/// with a namespace that is not its folder's, fails here, so the layout cannot drift back.
/// </summary>
public sealed class TestLayoutTests
{
    private static string ProjectFolder => Path.Combine(RepositoryPaths.Root, "Hook0.Tests");

    [Test]
    public void Every_test_file_lives_in_a_module_or_cross_cutting_folder_under_its_own_namespace()
    {
        var files = TestLayout.SourceFiles(ProjectFolder).Select(f => (f, File.ReadAllText(Path.Combine(ProjectFolder, f)))).ToList();

        Assert.That(files, Has.Count.GreaterThan(100), "the test sources were found");
        Assert.That(TestLayout.Misplaced(files), Is.Empty);
    }

    [Test]
    public void Every_module_of_the_code_has_its_test_folder()
    {
        var modules = Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "Hook0.Modules"))
            .Select(d => new DirectoryInfo(d).Name)
            .Where(name => name is not ("bin" or "obj" or "Properties" or "wwwroot") && !name.StartsWith('.'));

        Assert.That(TestLayout.ModuleFolders, Is.SupersetOf(modules));
    }

    [TestCase("Management/SubscriptionsTests.cs", "namespace Hook0.Tests.Management;", TestName = "A folder that mirrors no module is refused")]
    [TestCase("RootTests.cs", "namespace Hook0.Tests;", TestName = "A test file at the project root is refused")]
    [TestCase("Delivery/History/AttemptTests.cs", "namespace Hook0.Tests.Dashboard.Logs;", TestName = "A namespace other than the folder's is refused")]
    [TestCase("Infrastructure/Helper.cs", "namespace Hook0.Tests;", TestName = "Only the run-wide fixture may use the root namespace")]
    public void The_layout_rule_refuses(string path, string source)
        => Assert.That(TestLayout.Misplaced([(path, source)]), Has.Exactly(1).StartWith(path + ":"));

    [Test]
    public void The_layout_rule_accepts_the_run_wide_fixture_and_a_module_test()
        => Assert.That(TestLayout.Misplaced([("Infrastructure/ApiFixture.cs", "namespace Hook0.Tests;"), ("Organizations/Tokens/XTests.cs", "namespace Hook0.Tests.Organizations.Tokens;")]),
            Is.Empty);
}
