using Hook0.Modules;
using Mediator;
using NetArchTest.Rules;

namespace Hook0.Tests.Architecture;

/// <summary>
/// Modules are folders of one assembly, so these rules are what keeps them apart: a module reaches
/// another only through its Contracts namespace, and the Kernel depends on no module.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] Modules = ["Organizations", "Ingestion", "Delivery", "Dashboard", "Assistant"];

    private static Types AllTypes => Types.InAssembly(typeof(ModulesRegistration).Assembly);

    public static IEnumerable<TestCaseData> ModulePairs()
        => from module in Modules
           from other in Modules
           where module != other
           select new TestCaseData(module, other).SetName($"{module} does not reach into {other}");

    [TestCaseSource(nameof(ModulePairs))]
    public void Module_uses_other_modules_only_through_their_contracts(string module, string other)
    {
        // Full type names: a namespace would prefix-match the Contracts namespace below it too.
        var otherInternals = AllTypes.That().ResideInNamespaceStartingWith($"Hook0.Modules.{other}")
            .And().DoNotResideInNamespaceStartingWith($"Hook0.Modules.{other}.Contracts")
            .GetTypes().Select(t => t.FullName!).ToArray();

        var result = AllTypes.That().ResideInNamespaceStartingWith($"Hook0.Modules.{module}")
            .ShouldNot().HaveDependencyOnAny(otherInternals)
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Describe(result));
    }

    [Test]
    public void Kernel_depends_on_no_module()
    {
        var result = AllTypes.That().ResideInNamespaceStartingWith("Hook0.Modules.Kernel")
            .ShouldNot().HaveDependencyOnAny([.. Modules.Select(m => $"Hook0.Modules.{m}")])
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Describe(result));
    }

    [Test]
    public void Database_contexts_are_internal_to_their_module()
    {
        var result = AllTypes.That().Inherit(typeof(Microsoft.EntityFrameworkCore.DbContext))
            .Should().NotBePublic()
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Describe(result));
    }

    [Test]
    public void Handlers_are_not_public()
    {
        var result = AllTypes.That()
            .ImplementInterface(typeof(ICommandHandler<,>)).Or().ImplementInterface(typeof(IQueryHandler<,>))
            .Or().ImplementInterface(typeof(INotificationHandler<>))
            .Should().NotBePublic()
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Describe(result));
    }

    private static string Describe(TestResult result)
        => result.IsSuccessful ? string.Empty : "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
