using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>Authorizer snapshots and serialized authorizer policies (specification §2.3).</summary>
[TestFixture]
public sealed class SnapshotTests
{
    private static readonly PublicKey SampleRoot = PublicKey.Parse(SampleCatalog.RootPublicKey);

    /// <summary>Sample validations that end with an authorization result (not a format, rule or execution error).</summary>
    public static IEnumerable<TestCaseData> AuthorizableSamples() =>
        SampleCatalog.Validations()
            .Where(v => v.Json["result"]!["Ok"] is not null || IsPolicyOrCheckFailure(v.Json["result"]!["Err"]!["FailedLogic"]))
            .Select(v => new TestCaseData(v).SetName($"Snapshot_round_trip_{v.Sample.Label}_[{v.Name}]"));

    [TestCaseSource(nameof(AuthorizableSamples))]
    public void Should_restore_same_world_and_result_from_snapshot(SampleValidation validation)
    {
        var token = BiscuitToken.FromBytes(SampleCatalog.ReadToken(validation.Sample), SampleRoot);
        var authorizer = new AuthorizerBuilder()
            .AddCode(validation.Json["authorizer_code"]!.GetValue<string>())
            .SetLimits(new RunLimits(1000, 100, TimeSpan.FromSeconds(5)))
            .RegisterExtern("test", OfficialSamplesTests.SampleExternTest)
            .Build(token);
        var result = authorizer.Authorize();

        var restored = Authorizer.FromSnapshot(authorizer.ToSnapshot(), new Dictionary<string, Hook0.Biscuit.Datalog.ExternFunction> { ["test"] = OfficialSamplesTests.SampleExternTest });

        Assert.That(restored.World(), Is.EqualTo(authorizer.World()).Using<AuthorizerWorld>(SameWorld));
        Assert.That(restored.Iterations, Is.EqualTo(authorizer.Iterations));
        Assert.That(restored.ExecutionTime, Is.EqualTo(authorizer.ExecutionTime).Within(TimeSpan.FromTicks(1)));
        var again = restored.Authorize();
        Assert.That((again.PolicyKind, again.PolicyIndex, again.FailedChecks), Is.EqualTo((result.PolicyKind, result.PolicyIndex, result.FailedChecks)));
    }

    [Test]
    public void Should_keep_third_party_keys_and_queries_in_snapshot()
    {
        var root = KeyPair.Generate();
        var thirdParty = KeyPair.Generate(Algorithm.Secp256r1);
        var token = BiscuitToken.CreateBuilder(root).AddCode($"user(\"alice\"); check if ok(true) trusting {thirdParty.PublicKey};").Build();
        token = token.AppendThirdPartyBlock(token.CreateThirdPartyRequest().CreateBlock(thirdParty, new BlockBuilder().AddCode("ok(true);")));
        var authorizer = new AuthorizerBuilder().AddCode("allow if user($u);").Build(token);
        Assert.That(authorizer.Authorize().IsAuthorized, Is.True);

        var restored = Authorizer.FromSnapshot(authorizer.ToSnapshot());
        Assert.That(restored.Authorize().IsAuthorized, Is.True);
        Assert.That(restored.Query("u($u) <- user($u)").Single().ToString(), Is.EqualTo("u(\"alice\")"));
    }

    [Test]
    public void Should_round_trip_authorizer_policies()
    {
        var builder = new AuthorizerBuilder().AddCode("""
            resource("file1");
            right($r) <- resource($r), owner("alice", $r);
            check if resource($r), $r.starts_with("file");
            deny if blocked(true);
            allow if right("file1") or {"a": [1, null]}.get("a").length() == 2;
            """);

        var restored = AuthorizerBuilder.FromPolicies(builder.ToPolicies());
        Assert.That(restored.ToPolicies(), Is.EqualTo(builder.ToPolicies()));
        var world = restored.BuildWithoutToken().World();
        Assert.That(world.Policies, Is.EqualTo(new[] { "deny if blocked(true)", "allow if right(\"file1\") or {\"a\": [1, null]}.get(\"a\").length() == 2" }));
        Assert.That(world.Checks.Single().Statements, Is.EqualTo(new[] { "check if resource($r), $r.starts_with(\"file\")" }));
    }

    [Test]
    public void Should_throw_typed_error_when_snapshot_is_malformed()
    {
        var error = Assert.Throws<TokenFormatException>(() => Authorizer.FromSnapshot([1, 2, 3]));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.Deserialization));
        Assert.Throws<TokenFormatException>(() => AuthorizerBuilder.FromPolicies([0x0a, 0xff]));
    }

    private static bool IsPolicyOrCheckFailure(System.Text.Json.Nodes.JsonNode? failedLogic) =>
        failedLogic is not null && failedLogic["InvalidBlockRule"] is null;

    private static bool SameWorld(AuthorizerWorld a, AuthorizerWorld b) =>
        Describe(a) == Describe(b);

    private static string Describe(AuthorizerWorld world) => string.Join("\n",
        world.Facts.Select(f => $"F {string.Join(",", f.Origin)}: {string.Join("|", f.Facts)}").Order(StringComparer.Ordinal)
            .Concat(world.Rules.Select(r => $"R {r.BlockId}: {string.Join("|", r.Statements)}"))
            .Concat(world.Checks.Select(c => $"C {c.BlockId}: {string.Join("|", c.Statements)}"))
            .Concat(world.Policies));
}
