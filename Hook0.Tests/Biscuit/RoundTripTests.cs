using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>Build → serialize → parse → authorize, for both key algorithms.</summary>
[TestFixture]
public sealed class RoundTripTests
{
    private static readonly Algorithm[] Algorithms = [Algorithm.Ed25519, Algorithm.Secp256r1];

    [TestCaseSource(nameof(Algorithms))]
    public void Should_authorize_minted_and_attenuated_token_when_parsed_back(Algorithm algorithm)
    {
        var root = KeyPair.Generate(algorithm);
        var token = BiscuitToken.CreateBuilder(root)
            .AddCode("""user_id({user}); right("file1", "read"); right("file2", "write");""", new Dictionary<string, Term> { ["user"] = "alice" })
            .Build(algorithm)
            .Attenuate("""check if operation("read");""", nextKeyAlgorithm: algorithm);

        var parsed = BiscuitToken.Parse(token.ToBase64(), root.PublicKey);
        Assert.That(parsed.ToBytes(), Is.EqualTo(token.ToBytes()));
        Assert.That(parsed.BlockCount, Is.EqualTo(2));

        var authorizer = new AuthorizerBuilder()
            .AddCode("""resource("file1"); operation("read"); allow if right($r, "read"), resource($r);""")
            .Build(parsed);
        var result = authorizer.Authorize();
        Assert.That(result.IsAuthorized, Is.True, result.ToString());

        var users = authorizer.Query("data($u) <- user_id($u)");
        Assert.That(users.Select(f => f.ToString()), Is.EqualTo(new[] { "data(\"alice\")" }));
    }

    [TestCaseSource(nameof(Algorithms))]
    public void Should_fail_attenuation_check_when_operation_differs(Algorithm algorithm)
    {
        var root = KeyPair.Generate(algorithm);
        var token = BiscuitToken.CreateBuilder(root).AddCode("""right("file1", "read");""").Build()
            .Attenuate("""check if operation("read");""", nextKeyAlgorithm: algorithm);

        var result = new AuthorizerBuilder()
            .AddCode("""operation("write"); allow if true;""")
            .Build(BiscuitToken.Parse(token.ToBase64(), root.PublicKey))
            .Authorize();

        Assert.That(result.IsAuthorized, Is.False);
        Assert.That(result.FailedChecks, Is.EqualTo(new[] { new FailedCheck(1, 0, "check if operation(\"read\")") }));
        Assert.Throws<UnauthorizedException>(result.EnsureAuthorized);
    }

    [TestCaseSource(nameof(Algorithms))]
    public void Should_verify_sealed_token_and_refuse_attenuation(Algorithm algorithm)
    {
        var root = KeyPair.Generate(algorithm);
        var sealedToken = BiscuitToken.CreateBuilder(root).AddCode("""right("read");""").Build(algorithm).Seal();

        var parsed = BiscuitToken.Parse(sealedToken.ToBase64(), root.PublicKey);
        Assert.That(parsed.IsSealed, Is.True);
        var error = Assert.Throws<BiscuitException>(() => parsed.Attenuate("check if true;"));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.AlreadySealed));
    }

    [TestCaseSource(nameof(Algorithms))]
    public void Should_accept_third_party_block_when_trusted_by_key(Algorithm algorithm)
    {
        var root = KeyPair.Generate();
        var thirdParty = KeyPair.Generate(algorithm);
        var token = BiscuitToken.CreateBuilder(root)
            .AddCode("check if group(\"admin\") trusting {issuer};", scopeParameters: new Dictionary<string, PublicKey> { ["issuer"] = thirdParty.PublicKey })
            .Build();

        var request = ThirdPartyRequest.Parse(token.CreateThirdPartyRequest().ToBase64());
        var block = ThirdPartyBlock.Parse(request.CreateBlock(thirdParty, new BlockBuilder().AddCode("group(\"admin\");")).ToBase64());
        var withThirdParty = BiscuitToken.Parse(token.AppendThirdPartyBlock(block).ToBase64(), root.PublicKey);

        Assert.That(withThirdParty.Blocks[1].ExternalKey, Is.EqualTo(thirdParty.PublicKey));
        Assert.That(withThirdParty.Blocks[1].Version, Is.EqualTo(5u));
        var result = new AuthorizerBuilder().AddCode("allow if true;").Build(withThirdParty).Authorize();
        Assert.That(result.IsAuthorized, Is.True, result.ToString());
    }

    [Test]
    public void Should_reject_third_party_block_when_signed_for_another_token()
    {
        var root = KeyPair.Generate();
        var thirdParty = KeyPair.Generate();
        var first = BiscuitToken.CreateBuilder(root).AddCode("a(1);").Build();
        var second = BiscuitToken.CreateBuilder(root).AddCode("a(2);").Build();
        var block = first.CreateThirdPartyRequest().CreateBlock(thirdParty, new BlockBuilder().AddCode("b(1);"));

        var error = Assert.Throws<BiscuitException>(() => second.AppendThirdPartyBlock(block));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidThirdPartyBlock));
    }

    [Test]
    public void Should_pick_root_key_by_id_when_provider_is_given()
    {
        var oldRoot = KeyPair.Generate();
        var newRoot = KeyPair.Generate(Algorithm.Secp256r1);
        var token = BiscuitToken.CreateBuilder(newRoot).AddCode("a(1);").SetRootKeyId(2).Build();
        var keys = new Dictionary<uint, PublicKey> { [1] = oldRoot.PublicKey, [2] = newRoot.PublicKey };

        var parsed = BiscuitToken.Parse(token.ToBase64(), id => id is { } k ? keys.GetValueOrDefault(k) : null);
        Assert.That(parsed.RootKeyId, Is.EqualTo(2u));

        var unknown = BiscuitToken.CreateBuilder(oldRoot).AddCode("a(1);").SetRootKeyId(7).Build();
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.Parse(unknown.ToBase64(), id => id is { } k ? keys.GetValueOrDefault(k) : null));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.UnknownRootKey));
    }

    [Test]
    public void Should_write_lowest_sufficient_block_versions()
    {
        var root = KeyPair.Generate();
        var token = BiscuitToken.CreateBuilder(root).AddCode("a(1);").Build()
            .Attenuate("check all a($x), $x > 0;")
            .Attenuate("reject if a(2);")
            .Attenuate("check if [1].contains(1);");

        Assert.That(token.Blocks.Select(b => b.Version), Is.EqualTo(new uint[] { 3, 4, 6, 6 }));
        var parsed = BiscuitToken.Parse(token.ToBase64(), root.PublicKey);
        Assert.That(parsed.Blocks.Select(b => b.Code), Is.EqualTo(token.Blocks.Select(b => b.Code)));
    }

    [Test]
    public void Should_reject_token_when_verified_with_another_root_key()
    {
        var token = BiscuitToken.CreateBuilder(KeyPair.Generate()).AddCode("a(1);").Build();
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.Parse(token.ToBase64(), KeyPair.Generate().PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidSignature));
    }

    [Test]
    public void Should_keep_symbols_of_earlier_blocks_when_attenuating()
    {
        var root = KeyPair.Generate();
        var token = BiscuitToken.CreateBuilder(root).AddCode("""owner("alice", "doc");""").Build()
            .Attenuate("""check if owner("alice", $d), resource($d);""");

        Assert.That(token.Blocks[0].Symbols, Is.EqualTo(new[] { "alice", "doc" }));
        Assert.That(token.Blocks[1].Symbols, Is.EqualTo(new[] { "d" }));
    }
}
