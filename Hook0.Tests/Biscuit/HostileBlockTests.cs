using Google.Protobuf;
using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Tests.Biscuit;

/// <summary>
/// Anyone holding a token can append correctly signed blocks with arbitrary content, so block
/// decoding and authorization must survive hostile bytes with typed errors only.
/// </summary>
[TestFixture]
public sealed class HostileBlockTests
{
    private const string RichBlock = """
        f(1, "s", 2020-01-01T00:00:00Z, hex:00ff, true, null, {1, 2}, [1, "a"], {"k": 1, 2: [true]});
        r($x, $y) <- f($x, $y, $d, $b, $t, $n, $s, $a, $m), $x + 1 > 0, $s.contains(1), $a.get(0) == 1;
        check if f($x, $y, $d, $b, $t, $n, $s, $a, $m), $s.all($p -> $p > 0) && $m.any($kv -> $kv.get(0) == "k");
        check if r($x, $y), (1 / 0 == 1).try_or(true), "abc".matches("a.c"), $x.type() == "integer" trusting previous;
        reject if f(2, $y, $d, $b, $t, $n, $s, $a, $m) or r(5, "x");
        """;

    [Test]
    public void Should_fail_with_typed_errors_when_appended_block_bytes_are_mutated()
    {
        var root = KeyPair.Generate();
        var token = BiscuitToken.CreateBuilder(root).AddCode("a(1);").Build();
        var blockBytes = Wire.Block.Parser.ParseFrom(
            Wire.Biscuit.Parser.ParseFrom(token.Attenuate(RichBlock).ToBytes()).Blocks[0].Block).ToByteArray();

        Assert.That(ParseAndAuthorize(AppendRaw(token, blockBytes), root.PublicKey), Is.EqualTo("authorized"), "the unmutated block is valid");

        var random = new Random(42);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1500; i++)
        {
            var mutated = Mutate(blockBytes, random);
            var outcome = ParseAndAuthorize(AppendRaw(token, mutated), root.PublicKey);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Out.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        Assert.That(outcomes.Keys, Has.None.StartWith("unexpected"));
    }

    private static string ParseAndAuthorize(byte[] tokenBytes, PublicKey rootKey)
    {
        try
        {
            var parsed = BiscuitToken.FromBytes(tokenBytes, rootKey);
            var result = new AuthorizerBuilder().AddCode("allow if true;").Build(parsed).Authorize();
            _ = parsed.Blocks.Select(b => b.Code).ToList();
            return result.IsAuthorized ? "authorized" : "denied";
        }
        catch (BiscuitException e)
        {
            return e.Kind.ToString();
        }
        catch (Exception e)
        {
            return $"unexpected {e.GetType().Name}: {e.Message}";
        }
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        var changes = random.Next(1, 4);
        for (var c = 0; c < changes; c++)
        {
            switch (random.Next(3))
            {
                case 0:
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                default:
                    var cut = random.Next(copy.Length);
                    copy = copy[..cut];
                    break;
            }

            if (copy.Length == 0)
            {
                break;
            }
        }

        return copy;
    }

    /// <summary>Appends raw block bytes with a valid signature made with the token's proof key (payload v0).</summary>
    private static byte[] AppendRaw(BiscuitToken token, byte[] blockBytes)
    {
        var proto = Wire.Biscuit.Parser.ParseFrom(token.ToBytes());
        var last = proto.Blocks.Count == 0 ? proto.Authority : proto.Blocks[^1];
        var signer = PrivateKey.FromBytes((Algorithm)last.NextKey.Algorithm, proto.Proof.NextSecret.Span);
        var next = KeyPair.Generate();
        byte[] payload = [.. blockBytes, 0, 0, 0, 0, .. next.PublicKey.Bytes.ToArray()];
        proto.Blocks.Add(new Wire.SignedBlock
        {
            Block = ByteString.CopyFrom(blockBytes),
            NextKey = new Wire.PublicKey { Algorithm = Wire.PublicKey.Types.Algorithm.Ed25519, Key = ByteString.CopyFrom(next.PublicKey.Bytes.Span) },
            Signature = ByteString.CopyFrom(signer.Sign(payload)),
        });
        proto.Proof = new Wire.Proof { NextSecret = ByteString.CopyFrom(next.PrivateKey.ToBytes()) };
        return proto.ToByteArray();
    }
}
