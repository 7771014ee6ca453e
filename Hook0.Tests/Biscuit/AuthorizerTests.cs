using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>Scoping (§7), check kinds and policy order (§8.4–8.5), limits (§8.3) and queries.</summary>
[TestFixture]
public sealed class AuthorizerTests
{
    private static readonly KeyPair Root = KeyPair.Generate();

    [Test]
    public void Should_hide_attenuation_block_facts_from_authority_and_authorizer()
    {
        var token = BiscuitToken.CreateBuilder(Root).AddCode("check if operation(\"read\");").Build()
            .Attenuate("operation(\"read\"); extra(1);");

        var authorizer = new AuthorizerBuilder().AddCode("allow if extra(1); allow if true;").Build(token);
        var result = authorizer.Authorize();

        Assert.That(result.PolicyIndex, Is.EqualTo(1), "authorizer policies do not see block 1 facts");
        Assert.That(result.FailedChecks.Single().BlockId, Is.EqualTo(0));
        Assert.That(authorizer.QueryAll("e($x) <- extra($x)").Single().ToString(), Is.EqualTo("e(1)"));
        Assert.That(authorizer.Query("e($x) <- extra($x)"), Is.Empty);
    }

    [Test]
    public void Should_let_block_trust_previous_blocks_when_annotated()
    {
        var token = BiscuitToken.CreateBuilder(Root).AddCode("a(1);").Build()
            .Attenuate("b(2);")
            .Attenuate("check if b(2) trusting previous;")
            .Attenuate("check if b(2);");

        var result = new AuthorizerBuilder().AddCode("allow if true;").Build(token).Authorize();
        Assert.That(result.FailedChecks.Select(c => (c.BlockId, c.CheckId)), Is.EqualTo(new[] { ((long?)3, 0) }));
    }

    [Test]
    public void Should_evaluate_checks_in_reference_order_and_report_first_matching_policy()
    {
        var token = BiscuitToken.CreateBuilder(Root).AddCode("check if nope(0);").Build().Attenuate("check if nope(1);");
        var result = new AuthorizerBuilder().AddCode("check if nope(2); deny if true; allow if true;").Build(token).Authorize();

        Assert.That(result.IsAuthorized, Is.False);
        Assert.That(result.PolicyKind, Is.EqualTo(PolicyKind.Deny));
        Assert.That(result.PolicyIndex, Is.EqualTo(0));
        Assert.That(result.FailedChecks.Select(c => c.ToString()), Is.EqualTo(new[]
        {
            "authorizer check 0: check if nope(2)",
            "block 0 check 0: check if nope(0)",
            "block 1 check 0: check if nope(1)",
        }));
    }

    [Test]
    public void Should_report_no_matching_policy()
    {
        var result = new AuthorizerBuilder().AddCode("allow if false;").BuildWithoutToken().Authorize();
        Assert.That(result.PolicyIndex, Is.Null);
        Assert.That(result.IsAuthorized, Is.False);
        Assert.That(result.ToString(), Does.Contain("no policy matched"));
    }

    [TestCase("check all n($x), $x > 0", true)]
    [TestCase("check all n($x), $x > 1", false)]
    [TestCase("check all missing($x), $x > 0", false)]
    [TestCase("reject if n($x), $x > 2", true)]
    [TestCase("reject if n($x), $x === 2", false)]
    public void Should_apply_check_kinds(string check, bool passes)
    {
        var result = new AuthorizerBuilder().AddCode($"n(1); n(2); {check}; allow if true;").BuildWithoutToken().Authorize();
        Assert.That(result.IsAuthorized, Is.EqualTo(passes));
    }

    [Test]
    public void Should_derive_facts_transitively_to_fixpoint()
    {
        var authorizer = new AuthorizerBuilder()
            .AddCode("edge(1, 2); edge(2, 3); edge(3, 4); path($a, $b) <- edge($a, $b); path($a, $c) <- path($a, $b), edge($b, $c); allow if path(1, 4);")
            .BuildWithoutToken();
        Assert.That(authorizer.Authorize().IsAuthorized, Is.True);
        Assert.That(authorizer.Iterations, Is.GreaterThan(1));
        Assert.That(authorizer.Query("p($b) <- path(1, $b)").Count, Is.EqualTo(3));
    }

    [Test]
    public void Should_throw_TooManyFacts_when_fact_limit_is_reached()
    {
        var authorizer = new AuthorizerBuilder()
            .AddCode(string.Concat(Enumerable.Range(0, 10).Select(i => $"n({i});")) + "pair($a, $b) <- n($a), n($b); allow if true;")
            .SetLimits(new RunLimits(50, 1000, TimeSpan.FromSeconds(5)))
            .BuildWithoutToken();
        Assert.That(Assert.Throws<RunLimitException>(() => authorizer.Authorize())!.Kind, Is.EqualTo(BiscuitErrorKind.TooManyFacts));
    }

    [Test]
    public void Should_throw_TooManyIterations_when_iteration_limit_is_reached()
    {
        var authorizer = new AuthorizerBuilder()
            .AddCode(string.Concat(Enumerable.Range(0, 30).Select(i => $"edge({i}, {i + 1});")) + "path($a, $b) <- edge($a, $b); path($a, $c) <- path($a, $b), edge($b, $c); allow if true;")
            .SetLimits(new RunLimits(100_000, 10, TimeSpan.FromSeconds(5)))
            .BuildWithoutToken();
        Assert.That(Assert.Throws<RunLimitException>(() => authorizer.Authorize())!.Kind, Is.EqualTo(BiscuitErrorKind.TooManyIterations));
    }

    [Test]
    public void Should_reject_token_rule_whose_head_variable_is_unbound_when_building_authorizer()
    {
        var rule = new Rule(new Predicate("op", [new Variable("x")]), [new Predicate("any", [new Variable("y")])], [], []);
        var rejected = Assert.Throws<BiscuitException>(() => new BlockBuilder().AddRule(rule));
        Assert.That(rejected!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidBlockRule));
    }

    [Test]
    public void Should_query_authority_facts_of_a_hook0_style_token()
    {
        var token = BiscuitToken.CreateBuilder(Root)
            .AddCode("user_id(hex:01ab); organization_role(hex:02cd, \"editor\"); organization_role(hex:03ef, \"viewer\");")
            .Build()
            .Attenuate("check if time($t), $t < 2100-01-01T00:00:00Z;");
        var authorizer = new AuthorizerBuilder()
            .AddTime(DateTimeOffset.UtcNow)
            .AddPolicy("allow if organization_role({org}, $role), {\"editor\", \"admin\"}.contains($role)",
                new Dictionary<string, Term> { ["org"] = Convert.FromHexString("02cd") })
            .Build(token);

        Assert.That(authorizer.Authorize().IsAuthorized, Is.True);
        var user = authorizer.Query("user($u) <- user_id($u)").Single();
        Assert.That(((BytesTerm)user.Predicate.Terms[0]).Value.ToArray(), Is.EqualTo(new byte[] { 0x01, 0xab }));
        Assert.That(authorizer.Query("role($o, $r) <- organization_role($o, $r)"), Has.Count.EqualTo(2));
    }

    [Test]
    public void Should_dump_world_sorted_by_origin()
    {
        var token = BiscuitToken.CreateBuilder(Root).AddCode("a(1);").Build().Attenuate("b($x) <- a($x); check if b(1);");
        var authorizer = new AuthorizerBuilder().AddCode("c(1); allow if true;").Build(token);
        authorizer.Authorize();
        var world = authorizer.World();

        Assert.That(world.Facts.Select(f => $"{string.Join(",", f.Origin)}={string.Join(";", f.Facts)}"), Is.EquivalentTo(new[] { "=c(1)", "0=a(1)", "0,1=b(1)" }));
        Assert.That(world.Rules.Single().BlockId, Is.EqualTo(1));
        Assert.That(world.Policies, Is.EqualTo(new[] { "allow if true" }));
    }
}
