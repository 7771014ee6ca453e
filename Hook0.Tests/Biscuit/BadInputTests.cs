using Google.Protobuf;
using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>Malformed or hostile input always ends in a typed <see cref="BiscuitException"/>, quickly.</summary>
[TestFixture]
public sealed class BadInputTests
{
    private static readonly KeyPair Root = KeyPair.FromPrivateKey("ed25519-private/" + SampleCatalog.RootPrivateKey);

    private static BiscuitToken ValidToken() =>
        BiscuitToken.CreateBuilder(Root).AddCode("""right("file1", "read");""").Build().Attenuate("check if true;");

    [TestCase("not base64 at all!")]
    [TestCase("EoQBChoKB3VzZXJf@@")]
    [TestCase("A")]
    public void Should_throw_InvalidBase64_when_text_is_not_base64url(string text)
    {
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.Parse(text, Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidBase64));
    }

    [Test]
    public void Should_accept_token_text_with_or_without_padding()
    {
        var text = ValidToken().ToBase64();
        Assert.That(text.Length % 4, Is.Zero);
        Assert.DoesNotThrow(() => BiscuitToken.Parse(text.TrimEnd('='), Root.PublicKey));
    }

    [Test]
    public void Should_throw_Deserialization_for_every_truncation_of_a_valid_token()
    {
        var bytes = ValidToken().ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws(Is.InstanceOf<BiscuitException>(), () => BiscuitToken.FromBytes(bytes.AsSpan(0, length), Root.PublicKey), $"length {length}");
            Assert.That(((BiscuitException)error!).Kind, Is.AnyOf(BiscuitErrorKind.Deserialization, BiscuitErrorKind.InvalidKey, BiscuitErrorKind.InvalidSignature, BiscuitErrorKind.InvalidSignatureFormat));
        }
    }

    [Test]
    public void Should_throw_typed_errors_when_bytes_are_randomly_corrupted()
    {
        var bytes = ValidToken().ToBytes();
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var corrupted = (byte[])bytes.Clone();
            corrupted[random.Next(corrupted.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                BiscuitToken.FromBytes(corrupted, Root.PublicKey);
            }
            catch (BiscuitException)
            {
                // Expected: any typed error. Other exception types fail the test.
            }
        }
    }

    [Test]
    public void Should_throw_TokenTooLarge_when_token_exceeds_size_limit()
    {
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(new byte[100_000], Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.TokenTooLarge));

        var small = new ParseOptions(MaxTokenBytes: 64 * 1024, MaxBlocks: 1);
        error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(ValidToken().ToBytes(), Root.PublicKey, small));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.TokenTooLarge));
    }

    [Test]
    public void Should_throw_InvalidSignature_when_blocks_are_reordered()
    {
        var token = ValidToken().Attenuate("check if 1 === 1;");
        var proto = Hook0.Biscuit.Format.Schema.Biscuit.Parser.ParseFrom(token.ToBytes());
        (proto.Blocks[0], proto.Blocks[1]) = (proto.Blocks[1], proto.Blocks[0]);

        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(proto.ToByteArray(), Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidSignature));
    }

    [Test]
    public void Should_throw_InvalidSignature_when_signature_byte_changes()
    {
        var proto = Hook0.Biscuit.Format.Schema.Biscuit.Parser.ParseFrom(ValidToken().ToBytes());
        var signature = proto.Blocks[0].Signature.ToByteArray();
        signature[5] ^= 1;
        proto.Blocks[0].Signature = ByteString.CopyFrom(signature);

        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(proto.ToByteArray(), Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidSignature));
    }

    [Test]
    public void Should_throw_InvalidSignatureFormat_when_signature_has_wrong_length()
    {
        var proto = Hook0.Biscuit.Format.Schema.Biscuit.Parser.ParseFrom(ValidToken().ToBytes());
        proto.Authority.Signature = ByteString.CopyFrom(new byte[16]);

        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(proto.ToByteArray(), Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidSignatureFormat));
    }

    [TestCase(2u)]
    [TestCase(7u)]
    [TestCase(0u)]
    public void Should_throw_UnsupportedVersion_when_block_version_is_unknown(uint version)
    {
        var bytes = Resign(block => block.Version = version);
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(bytes, Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.UnsupportedVersion));
    }

    [Test]
    public void Should_throw_UnsupportedVersion_when_signature_version_is_unknown()
    {
        var proto = Hook0.Biscuit.Format.Schema.Biscuit.Parser.ParseFrom(ValidToken().ToBytes());
        proto.Authority.Version = 9;
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(proto.ToByteArray(), Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.UnsupportedVersion));
    }

    [Test]
    public void Should_throw_UnsupportedVersion_when_block_uses_features_newer_than_declared()
    {
        var bytes = Resign(block =>
        {
            block.Checks.Add(new Hook0.Biscuit.Format.Schema.Check { Kind = Hook0.Biscuit.Format.Schema.Check.Types.Kind.Reject });
            block.Version = 4;
        });
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(bytes, Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.UnsupportedVersion));
    }

    [Test]
    public void Should_throw_UnknownSymbol_when_symbol_index_is_out_of_range()
    {
        var bytes = Resign(block => block.Facts[0].Predicate.Name = 1024 + 500);
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(bytes, Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.UnknownSymbol));
    }

    [Test]
    public void Should_throw_SymbolTableOverlap_when_block_redefines_a_symbol()
    {
        var bytes = Resign(block => block.Symbols.Add("read"));
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(bytes, Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.SymbolTableOverlap));
    }

    [Test]
    public void Should_throw_InvalidKey_when_next_key_is_not_a_curve_point()
    {
        var proto = Hook0.Biscuit.Format.Schema.Biscuit.Parser.ParseFrom(ValidToken().ToBytes());
        proto.Authority.NextKey = new Hook0.Biscuit.Format.Schema.PublicKey
        {
            Algorithm = (Hook0.Biscuit.Format.Schema.PublicKey.Types.Algorithm)Algorithm.Secp256r1,
            Key = ByteString.CopyFrom([0x02, .. new byte[32].Select(_ => (byte)0xff)]),
        };
        var error = Assert.Throws<TokenFormatException>(() => BiscuitToken.FromBytes(proto.ToByteArray(), Root.PublicKey));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidKey));
    }

    [TestCase("right(")]
    [TestCase("check if")]
    [TestCase("allow if true;")]
    [TestCase("fact($x);")]
    [TestCase("head($x) <- body($y);")]
    [TestCase("n(\"unterminated);")]
    [TestCase("n(99999999999999999999);")]
    [TestCase("n(hex:abc);")]
    [TestCase("check if 1 + ;")]
    [TestCase("n({1, \"a\"});")]
    [TestCase("check if {1}.unknown_method(2);")]
    public void Should_throw_Parse_error_when_block_code_is_invalid(string code)
    {
        var error = Assert.Throws<DatalogParseException>(() => new BlockBuilder().AddCode(code));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.Parse));
        Assert.That(error.Message, Does.Contain("offset"));
    }

    [Test]
    public void Should_only_throw_typed_errors_when_parsing_random_datalog()
    {
        string[] pieces =
        [
            "check if ", "allow if ", "reject if ", "trusting ", "authority", "previous", "ed25519/", "or ", "<-",
            "f(", ")", "(", "$x", "$", ",", ";", "\"s\"", "\"", "\\", "1", "-", "9223372036854775808", "hex:", "ab",
            "2020-01-01T00:00:00Z", "2020-13-45T99:99:99+99:99", "true", "null", "{", "}", "{,}", "[", "]", ":", ".",
            "contains", "all", "($p -> ", "->", "try_or", "extern::", "length()", "type()", "get", "matches", "===",
            "!==", "==", "!", "&&", "||", "&", "|", "^", "+", "*", "/", "//", "/*", "*/", " ", "\n", "{p}", "é",
        ];
        var random = new Random(7);
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var source = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            try
            {
                new AuthorizerBuilder().AddCode(source).BuildWithoutToken().Authorize();
                parsed++;
            }
            catch (BiscuitException)
            {
                // Expected for most inputs; any other exception type fails the test.
            }
        }

        Assert.That(parsed, Is.GreaterThan(100), "the generator should also produce valid programs");
    }

    [Test]
    public void Should_throw_Parse_error_instead_of_overflowing_stack_when_nesting_is_deep()
    {
        var code = "check if " + new string('(', 5000) + "true" + new string(')', 5000) + ";";
        Assert.Throws<DatalogParseException>(() => new BlockBuilder().AddCode(code));
    }

    [Test]
    public void Should_throw_MissingParameter_when_parameter_is_missing_or_unused()
    {
        var missing = Assert.Throws<BiscuitException>(() => new BlockBuilder().AddCode("user({id});"));
        Assert.That(missing!.Kind, Is.EqualTo(BiscuitErrorKind.MissingParameter));

        var unused = Assert.Throws<BiscuitException>(() => new BlockBuilder().AddCode("user(1);", new Dictionary<string, Hook0.Biscuit.Datalog.Term> { ["id"] = 1 }));
        Assert.That(unused!.Kind, Is.EqualTo(BiscuitErrorKind.MissingParameter));
    }

    [TestCase("")]
    [TestCase("ed25519/zz")]
    [TestCase("ed25519/00")]
    [TestCase("rsa/0011")]
    [TestCase("secp256r1/04aabb")]
    public void Should_throw_InvalidKey_when_public_key_text_is_invalid(string text)
    {
        var error = Assert.Throws(Is.InstanceOf<BiscuitException>(), () => PublicKey.Parse(text));
        Assert.That(((BiscuitException)error!).Kind, Is.EqualTo(BiscuitErrorKind.InvalidKey));
    }

    [Test]
    public void Should_throw_Timeout_when_authorization_exceeds_time_limit()
    {
        var facts = string.Concat(Enumerable.Range(0, 200).Select(i => $"n({i});"));
        var authorizer = new AuthorizerBuilder()
            .AddCode(facts + "allow if n($a), n($b), n($c), $a + $b + $c === -1;")
            .SetLimits(new RunLimits(1000, 100, TimeSpan.FromMilliseconds(50)))
            .BuildWithoutToken();

        var error = Assert.Throws<RunLimitException>(() => authorizer.Authorize());
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.Timeout));
    }

    [Test]
    public void Should_throw_Timeout_instead_of_hanging_when_regex_backtracks_catastrophically()
    {
        var input = new string('a', 40) + "!";
        var authorizer = new AuthorizerBuilder()
            .AddCode($"allow if \"{input}\".matches(\"(a+)+$\") || \"{input}\".matches(\"(a|aa)+$\");")
            .BuildWithoutToken();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<RunLimitException>(() => authorizer.Authorize());
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.Timeout));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    /// <summary>Re-encodes the authority block after <paramref name="change"/> and signs it properly, so only the change is wrong.</summary>
    private static byte[] Resign(Action<Hook0.Biscuit.Format.Schema.Block> change)
    {
        var proto = Hook0.Biscuit.Format.Schema.Biscuit.Parser.ParseFrom(BiscuitToken.CreateBuilder(Root).AddCode("""right("file1", "read");""").Build().ToBytes());
        var block = Hook0.Biscuit.Format.Schema.Block.Parser.ParseFrom(proto.Authority.Block);
        change(block);
        var data = block.ToByteArray();
        var nextKey = proto.Authority.NextKey;
        byte[] payload = [.. data, .. BitConverter.GetBytes((int)nextKey.Algorithm), .. nextKey.Key.ToByteArray()];
        proto.Authority.Block = ByteString.CopyFrom(data);
        proto.Authority.Signature = ByteString.CopyFrom(Root.PrivateKey.Sign(payload));
        return proto.ToByteArray();
    }
}
