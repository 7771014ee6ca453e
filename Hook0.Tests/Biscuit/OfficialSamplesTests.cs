using System.Text.Json.Nodes;
using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>Runs every official sample token and validation of samples.json (specification §12.3).</summary>
[TestFixture]
public sealed class OfficialSamplesTests
{
    private static readonly PublicKey RootKey = PublicKey.Parse("ed25519/" + SampleCatalog.RootPublicKey);

    public static IEnumerable<TestCaseData> TokenCases() =>
        SampleCatalog.Tokens().Select(s => new TestCaseData(s).SetName($"Sample_token_{s.Label}"));

    public static IEnumerable<TestCaseData> ValidationCases() =>
        SampleCatalog.Validations().Select(v => new TestCaseData(v).SetName($"Sample_validation_{v.Sample.Label}_[{v.Name}]"));

    [Test]
    public void Catalog_has_all_38_official_samples()
    {
        Assert.That(SampleCatalog.Tokens().Count(t => !t.Label.StartsWith("newer/", StringComparison.Ordinal)), Is.EqualTo(38));
    }

    [TestCaseSource(nameof(TokenCases))]
    public void Sample_token_parses_prints_and_reserializes(SampleToken sample)
    {
        var bytes = SampleCatalog.ReadToken(sample);
        var expectedFormatError = sample.Json["validations"]!.AsObject()
            .Select(v => v.Value!["result"]!["Err"]?["Format"])
            .FirstOrDefault(f => f is not null);

        if (expectedFormatError is not null)
        {
            var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(bytes, RootKey));
            Assert.That(error!.Kind, Is.EqualTo(ExpectedFormatKind(expectedFormatError)));
            return;
        }

        var token = BiscuitToken.FromBytes(bytes, RootKey);
        Assert.That(token.ToBytes(), Is.EqualTo(bytes), "re-serializing must give the same bytes");

        var expectedBlocks = sample.Json["token"]!.AsArray();
        Assert.That(token.BlockCount, Is.EqualTo(expectedBlocks.Count));
        for (var i = 0; i < expectedBlocks.Count; i++)
        {
            var expected = expectedBlocks[i]!;
            var actual = token.Blocks[i];
            Assert.Multiple(() =>
            {
                Assert.That(actual.Code, Is.EqualTo(expected["code"]!.GetValue<string>()), $"block {i} code");
                Assert.That(actual.Symbols, Is.EqualTo(Strings(expected["symbols"])), $"block {i} symbols");
                Assert.That(actual.PublicKeys.Select(k => k.ToString()), Is.EqualTo(Strings(expected["public_keys"])), $"block {i} public keys");
                Assert.That(actual.ExternalKey?.ToString(), Is.EqualTo(expected["external_key"]?.GetValue<string>()), $"block {i} external key");
                Assert.That(actual.Version, Is.EqualTo(expected["version"]!.GetValue<uint>()), $"block {i} version");
            });
        }
    }

    [TestCaseSource(nameof(ValidationCases))]
    public void Sample_validation_gives_expected_result_and_world(SampleValidation validation)
    {
        var expected = validation.Json["result"]!;
        var bytes = SampleCatalog.ReadToken(validation.Sample);
        if (expected["Err"]?["Format"] is { } formatError)
        {
            var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(bytes, RootKey));
            Assert.That(error!.Kind, Is.EqualTo(ExpectedFormatKind(formatError)));
            return;
        }

        var token = BiscuitToken.FromBytes(bytes, RootKey);
        Assert.That(token.RevocationIds, Is.EqualTo(Strings(validation.Json["revocation_ids"])));

        var builder = new AuthorizerBuilder()
            .AddCode(validation.Json["authorizer_code"]!.GetValue<string>())
            .SetLimits(new RunLimits(1000, 100, TimeSpan.FromSeconds(5)))
            .RegisterExtern("test", SampleExternTest);

        if (expected["Err"]?["FailedLogic"]?["InvalidBlockRule"] is JsonArray invalidRule)
        {
            var error = Assert.Throws<InvalidBlockRuleException>(() => builder.Build(token));
            Assert.That(error!.BlockId, Is.EqualTo(invalidRule[0]!.GetValue<long>()));
            Assert.That(error.Rule, Is.EqualTo(invalidRule[1]!.GetValue<string>()));
            Assert.That(validation.Json["world"], Is.Null);
            return;
        }

        var authorizer = builder.Build(token);
        if (expected["Err"]?["Execution"] is { } execution)
        {
            var error = Assert.Throws<ExecutionException>(() => authorizer.Authorize());
            Assert.That(error!.Kind.ToString(), Is.EqualTo(execution.GetValue<string>()));
        }
        else
        {
            AssertResult(authorizer.Authorize(), expected);
        }

        if (validation.Json["world"] is JsonObject world)
        {
            AssertWorld(authorizer.World(), world);
        }
    }

    /// <summary>The host function sample 035 expects (specification §9.2).</summary>
    internal static Term SampleExternTest(Term left, Term? right) => (left, right) switch
    {
        (_, null) => left,
        (StringTerm l, StringTerm r) => l.Value == r.Value ? "equal strings" : "different strings",
        _ => throw new InvalidOperationException("unsupported arguments"),
    };

    private static void AssertResult(AuthorizationResult result, JsonNode expected)
    {
        if (expected["Ok"] is { } ok)
        {
            Assert.That(result.IsAuthorized, Is.True, result.ToString());
            Assert.That(result.PolicyIndex, Is.EqualTo(ok.GetValue<int>()));
            return;
        }

        var logic = expected["Err"]!["FailedLogic"] ?? throw new AssertionException("unexpected expectation " + SampleCatalog.Describe(expected));
        Assert.That(result.IsAuthorized, Is.False);
        JsonNode checks;
        if (logic["Unauthorized"] is { } unauthorized)
        {
            var policy = unauthorized["policy"]!.AsObject().Single();
            Assert.That(result.PolicyKind.ToString(), Is.EqualTo(policy.Key));
            Assert.That(result.PolicyIndex, Is.EqualTo(policy.Value!.GetValue<int>()));
            checks = unauthorized["checks"]!;
        }
        else
        {
            Assert.That(result.PolicyKind, Is.Null);
            checks = logic["NoMatchingPolicy"]!["checks"]!;
        }

        var expectedChecks = checks.AsArray().Select(c => c!["Block"] is { } block
            ? new FailedCheck(block["block_id"]!.GetValue<long>(), block["check_id"]!.GetValue<int>(), block["rule"]!.GetValue<string>())
            : new FailedCheck(null, c["Authorizer"]!["check_id"]!.GetValue<int>(), c["Authorizer"]!["rule"]!.GetValue<string>()));
        Assert.That(result.FailedChecks, Is.EqualTo(expectedChecks));
    }

    private static void AssertWorld(AuthorizerWorld actual, JsonObject expected)
    {
        static string OriginText(IEnumerable<long?> ids) => string.Join(",", ids.Select(i => i?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "authorizer"));
        static long? BlockId(JsonNode node) => node.GetValue<ulong>() == ulong.MaxValue ? null : (long)node.GetValue<ulong>();

        var expectedFacts = expected["facts"]!.AsArray()
            .Select(g => $"{OriginText(g!["origin"]!.AsArray().Select(o => o is null ? (long?)null : o.GetValue<long>()))}: {string.Join(" | ", Strings(g["facts"]))}");
        var actualFacts = actual.Facts.Select(g => $"{OriginText(g.Origin)}: {string.Join(" | ", g.Facts)}");
        Assert.That(actualFacts, Is.EqualTo(expectedFacts), "world facts");

        var expectedRules = expected["rules"]!.AsArray().Select(g => $"{BlockId(g!["origin"]!)}: {string.Join(" | ", Strings(g["rules"]))}");
        Assert.That(actual.Rules.Select(g => $"{g.BlockId}: {string.Join(" | ", g.Statements)}"), Is.EqualTo(expectedRules), "world rules");

        var expectedChecks = expected["checks"]!.AsArray().Select(g => $"{BlockId(g!["origin"]!)}: {string.Join(" | ", Strings(g["checks"]))}");
        Assert.That(actual.Checks.Select(g => $"{g.BlockId}: {string.Join(" | ", g.Statements)}"), Is.EqualTo(expectedChecks), "world checks");

        Assert.That(actual.Policies, Is.EqualTo(Strings(expected["policies"])), "world policies");
    }

    private static BiscuitErrorKind ExpectedFormatKind(JsonNode format) => format switch
    {
        JsonObject o when o.ContainsKey("Signature") => BiscuitErrorKind.InvalidSignature,
        JsonObject o when o.ContainsKey("BlockSignatureDeserializationError") => BiscuitErrorKind.InvalidSignatureFormat,
        _ => throw new AssertionException("unmapped format error " + SampleCatalog.Describe(format)),
    };

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];
}
