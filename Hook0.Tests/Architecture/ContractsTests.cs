namespace Hook0.Tests.Architecture;

/// <summary>
/// A module's <c>Contracts</c> holds what another module or the host uses, and nothing else: a public contract
/// type used only inside its module fails here (<see cref="ContractUse"/>), and belongs internal, in its slice.
/// </summary>
public sealed class ContractsTests
{
    /// <summary>
    /// Public contract types found unused outside their module when the rule was introduced and not yet made internal
    /// and moved into their slices (issue #22, item 2). The list only shrinks: a type missing from it fails, and so
    /// does a listed one that is now used outside its module or gone.
    /// </summary>
    private static readonly string[] NotYetInternal =
    [
    ];

    [Test]
    public void Every_public_contract_type_is_used_outside_its_module()
    {
        var unused = ContractUse.UnusedPublicContracts;
        TestContext.Out.WriteLine($"{unused.Count} public contract types unused outside their module:\n    \"" + string.Join("\",\n    \"", unused) + "\",");

        Assert.Multiple(() =>
        {
            Assert.That(unused.Except(NotYetInternal), Is.Empty, "public in Contracts yet used only inside its module: make it internal and move it into its slice");
            Assert.That(NotYetInternal.Except(unused), Is.Empty, "listed as not yet internal, but now used outside its module (or gone): take it off the list");
        });
    }

    [Test]
    public void The_rule_refuses_a_contract_used_only_inside_its_module()
    {
        var contracts = new Dictionary<string, string>
        {
            ["D.Contracts.GetThingQuery"] = "Delivery", ["D.Contracts.ThingDto"] = "Delivery",
            ["D.Contracts.InnerCommand"] = "Delivery", ["D.Contracts.HostOnlyCommand"] = "Delivery",
        };
        (string?, string)[] uses =
        [
            ("Dashboard", "D.Contracts.GetThingQuery"), // another module
            ("Delivery", "D.Contracts.InnerCommand"), // its own module only
            (null, "D.Contracts.HostOnlyCommand"), // the host
        ];
        var surface = new[] { ("D.Contracts.GetThingQuery", "D.Contracts.ThingDto") }.ToLookup(p => p.Item1, p => p.Item2);

        Assert.That(ContractUse.Unused(contracts, uses, surface), Is.EqualTo(new[] { "D.Contracts.InnerCommand" }),
            "the query's result is needed through the query; the host's command is needed; the inner command is not");
    }
}
