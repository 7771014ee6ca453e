using System.Text.Json.Nodes;
using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;

namespace Hook0.Tests.Biscuit;

/// <summary>Tokens cross between this library and the reference implementation (biscuit-wasm on node) both ways.</summary>
[TestFixture]
[Category("Interop")]
public sealed class NodeInteropTests
{
    private const string AuthorizerCode = """
        resource("file1");
        operation("read");
        allow if right($r, "read"), resource($r);
        """;

    [TestCase(Algorithm.Ed25519, false)]
    [TestCase(Algorithm.Ed25519, true)]
    [TestCase(Algorithm.Secp256r1, false)]
    [TestCase(Algorithm.Secp256r1, true)]
    public void Should_verify_and_authorize_token_when_minted_by_reference(Algorithm rootAlgorithm, bool seal)
    {
        var root = KeyPair.Generate(rootAlgorithm);
        var minted = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "mint",
            ["rootPrivateKey"] = root.PrivateKey.ToText(),
            ["authority"] = """user_id(hex:0a1b2c); right("file1", "read"); right("file2", "read");""",
            ["blocks"] = new JsonArray("""check if operation("read");""", "check if time($t), $t < 2100-01-01T00:00:00Z;"),
            ["seal"] = seal,
        });

        var token = BiscuitToken.Parse(minted["token"]!.GetValue<string>(), root.PublicKey);
        Assert.That(token.IsSealed, Is.EqualTo(seal));
        Assert.That(token.Blocks.Select(b => b.Code), Is.EqualTo(new[]
        {
            "user_id(hex:0a1b2c);\nright(\"file1\", \"read\");\nright(\"file2\", \"read\");\n",
            "check if operation(\"read\");\n",
            "check if time($t), $t < 2100-01-01T00:00:00Z;\n",
        }));

        var authorizer = new AuthorizerBuilder().AddCode(AuthorizerCode).AddTime(DateTimeOffset.UtcNow).Build(token);
        var result = authorizer.Authorize();
        Assert.That(result.IsAuthorized, Is.True, result.ToString());
        Assert.That(authorizer.Query("u($id) <- user_id($id)").Single().ToString(), Is.EqualTo("u(hex:0a1b2c)"));
    }

    [TestCase(Algorithm.Ed25519)]
    [TestCase(Algorithm.Secp256r1)]
    public void Should_accept_third_party_block_when_appended_by_reference(Algorithm thirdPartyAlgorithm)
    {
        var root = KeyPair.Generate();
        var thirdParty = KeyPair.Generate(thirdPartyAlgorithm);
        var minted = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "mint",
            ["rootPrivateKey"] = root.PrivateKey.ToText(),
            ["authority"] = $"right(\"file1\", \"read\"); check if group(\"admin\") trusting {thirdParty.PublicKey};",
            ["thirdParty"] = new JsonObject
            {
                ["privateKey"] = thirdParty.PrivateKey.ToText(),
                ["publicKey"] = thirdParty.PublicKey.ToString(),
                ["code"] = "group(\"admin\");",
            },
        });

        var token = BiscuitToken.Parse(minted["token"]!.GetValue<string>(), root.PublicKey);
        Assert.That(token.Blocks[1].ExternalKey, Is.EqualTo(thirdParty.PublicKey));
        var result = new AuthorizerBuilder().AddCode(AuthorizerCode).Build(token).Authorize();
        Assert.That(result.IsAuthorized, Is.True, result.ToString());
    }

    [TestCase(Algorithm.Ed25519, false)]
    [TestCase(Algorithm.Ed25519, true)]
    [TestCase(Algorithm.Secp256r1, false)]
    [TestCase(Algorithm.Secp256r1, true)]
    public void Should_be_accepted_by_reference_when_minted_and_attenuated_here(Algorithm algorithm, bool seal)
    {
        var root = KeyPair.Generate(algorithm);
        var token = BiscuitToken.CreateBuilder(root)
            .AddCode("""user_id(hex:0a1b2c); organization_role(hex:0a1b2c, "editor"); right("file1", "read");""")
            .Build(algorithm)
            .Attenuate("""
                check if operation("read");
                check if [1, 2].contains(2) && {"a": 1, 2: "b"}.get("a") == 1;
                check if {"zeta", "read", "file1"}.contains("read");
                """, nextKeyAlgorithm: algorithm);
        if (seal)
        {
            token = token.Seal();
        }

        var result = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "authorize",
            ["token"] = token.ToBase64(),
            ["rootPublicKey"] = root.PublicKey.ToString(),
            ["authorizer"] = AuthorizerCode,
            ["query"] = "role($org, $role) <- organization_role($org, $role)",
        });

        Assert.That(result["error"], Is.Null, result.ToJsonString());
        Assert.That(result["policy"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(result["revocationIds"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(token.RevocationIds));
        Assert.That(result["blocks"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(token.Blocks.Select(b => b.Code)));
        Assert.That(result["query"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "role(hex:0a1b2c, \"editor\")" }));
    }

    [Test]
    public void Should_report_same_failed_check_as_reference_when_check_fails()
    {
        var root = KeyPair.Generate();
        var token = BiscuitToken.CreateBuilder(root).AddCode("""right("file1", "read");""").Build()
            .Attenuate("""check if operation("write");""");

        var result = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "authorize",
            ["token"] = token.ToBase64(),
            ["rootPublicKey"] = root.PublicKey.ToString(),
            ["authorizer"] = AuthorizerCode,
        });
        var ours = new AuthorizerBuilder().AddCode(AuthorizerCode).Build(token).Authorize();

        var theirs = result["error"]!["FailedLogic"]!["Unauthorized"]!;
        Assert.That(theirs["policy"]!["Allow"]!.GetValue<int>(), Is.EqualTo(ours.PolicyIndex));
        var failed = theirs["checks"]!.AsArray().Single()!["Block"]!;
        Assert.That(new FailedCheck(failed["block_id"]!.GetValue<long>(), failed["check_id"]!.GetValue<int>(), failed["rule"]!.GetValue<string>()),
            Is.EqualTo(ours.FailedChecks.Single()));
    }

    [Test]
    public void Should_round_trip_attenuation_and_third_party_blocks_across_implementations()
    {
        var root = KeyPair.Generate();
        var thirdParty = KeyPair.Generate(Algorithm.Secp256r1);
        var token = BiscuitToken.CreateBuilder(root)
            .AddCode($"right(\"file1\", \"read\"); check if verified(true) trusting {thirdParty.PublicKey};")
            .Build();

        var attenuated = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "attenuate",
            ["token"] = token.ToBase64(),
            ["rootPublicKey"] = root.PublicKey.ToString(),
            ["code"] = """check if resource($r), $r.starts_with("file");""",
        });
        var afterNode = BiscuitToken.Parse(attenuated["token"]!.GetValue<string>(), root.PublicKey);

        var signed = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "thirdPartyBlock",
            ["request"] = afterNode.CreateThirdPartyRequest().ToBase64(),
            ["privateKey"] = thirdParty.PrivateKey.ToText(),
            ["code"] = "verified(true);",
        });
        var final = afterNode.AppendThirdPartyBlock(ThirdPartyBlock.Parse(signed["block"]!.GetValue<string>())).Seal();

        var ours = new AuthorizerBuilder().AddCode(AuthorizerCode).Build(BiscuitToken.Parse(final.ToBase64(), root.PublicKey)).Authorize();
        Assert.That(ours.IsAuthorized, Is.True, ours.ToString());

        var theirs = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "authorize",
            ["token"] = final.ToBase64(),
            ["rootPublicKey"] = root.PublicKey.ToString(),
            ["authorizer"] = AuthorizerCode,
        });
        Assert.That(theirs["error"], Is.Null, theirs.ToJsonString());
        Assert.That(theirs["policy"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public void Should_apply_block_and_rule_scopes_like_reference()
    {
        var root = KeyPair.Generate();
        var stranger = KeyPair.Generate().PublicKey;
        var minted = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "mint",
            ["rootPrivateKey"] = root.PrivateKey.ToText(),
            ["authority"] = "a(1);",
            ["blocks"] = new JsonArray(
                "b(2);",
                $"trusting previous, {stranger}; check if b(2); c($x) <- a($x) trusting authority; check if c(1); check if b(2) trusting authority;"),
        });
        var text = minted["token"]!.GetValue<string>();

        var theirs = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "authorize",
            ["token"] = text,
            ["rootPublicKey"] = root.PublicKey.ToString(),
            ["authorizer"] = "allow if true;",
        });
        var ours = new AuthorizerBuilder().AddCode("allow if true;").Build(BiscuitToken.Parse(text, root.PublicKey)).Authorize();

        var failed = theirs["error"]!["FailedLogic"]!["Unauthorized"]!["checks"]!.AsArray()
            .Select(c => new FailedCheck(c!["Block"]!["block_id"]!.GetValue<long>(), c["Block"]!["check_id"]!.GetValue<int>(), c["Block"]!["rule"]!.GetValue<string>()));
        Assert.That(ours.FailedChecks, Is.EqualTo(failed));
        Assert.That(ours.FailedChecks.Select(c => c.ToString()), Is.EqualTo(new[]
        {
            "block 2 check 0: check if b(2)",
            "block 2 check 2: check if b(2) trusting authority",
        }));
    }

    [Test]
    public void Should_agree_with_reference_on_block_level_trusting_written_here()
    {
        var root = KeyPair.Generate();
        var token = BiscuitToken.CreateBuilder(root).AddCode("a(1);").Build()
            .Attenuate("b(2);")
            .Attenuate("trusting previous; check if b(2); check if b(2) trusting authority;");
        Assert.That(token.Blocks[2].Block.Scopes, Has.Length.EqualTo(1));

        var theirs = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "authorize",
            ["token"] = token.ToBase64(),
            ["rootPublicKey"] = root.PublicKey.ToString(),
            ["authorizer"] = "allow if true;",
        });
        var ours = new AuthorizerBuilder().AddCode("allow if true;").Build(token).Authorize();

        var failed = theirs["error"]!["FailedLogic"]!["Unauthorized"]!["checks"]!.AsArray()
            .Select(c => new FailedCheck(c!["Block"]!["block_id"]!.GetValue<long>(), c["Block"]!["check_id"]!.GetValue<int>(), c["Block"]!["rule"]!.GetValue<string>()));
        Assert.That(ours.FailedChecks, Is.EqualTo(failed));
        Assert.That(ours.FailedChecks.Select(c => c.ToString()), Is.EqualTo(new[] { "block 2 check 1: check if b(2) trusting authority" }));
        Assert.That(theirs["blocks"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(token.Blocks.Select(b => b.Code)));
    }
}
