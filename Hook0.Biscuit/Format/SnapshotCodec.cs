using Google.Protobuf;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Engine;
using Hook0.Biscuit.Errors;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit.Format;

/// <summary>
/// Reads and writes <c>AuthorizerSnapshot</c> and <c>AuthorizerPolicies</c>. Unlike token blocks,
/// everything in one snapshot shares a single symbol table and public-key table.
/// </summary>
internal static class SnapshotCodec
{
    private const long NanosecondsPerTick = 100;

    public static byte[] EncodeSnapshot(AuthorizerState state)
    {
        var symbols = new SymbolTable();
        var keys = new PublicKeyTable();
        var encoder = new BlockEncoder(symbols, keys);
        var world = new Wire.AuthorizerWorld
        {
            AuthorizerBlock = EncodeBlock(encoder, state.Content.Block, null, null),
            Iterations = (ulong)state.Iterations,
        };
        world.Blocks.AddRange(state.Blocks.Select(b => EncodeBlock(encoder, b.Block, b.Version, b.ExternalKey)));
        world.AuthorizerPolicies.AddRange(state.Content.Policies.Select(encoder.Policy));
        world.GeneratedFacts.AddRange(state.Facts.GroupBy(f => f.Origin).Select(group =>
        {
            var generated = new Wire.GeneratedFacts();
            generated.Origins.AddRange(group.Key.Ids.Select(id => id == Origin.AuthorizerId
                ? new Wire.Origin { Authorizer = new Wire.Empty() }
                : new Wire.Origin { Origin_ = checked((uint)id) }));
            generated.Facts.AddRange(group.Select(f => encoder.Fact(f.Fact)));
            return generated;
        }));
        world.Version = state.Blocks.Select(b => b.Block).Append(state.Content.Block)
            .Select(b => VersionDetector.Detect(b, strict: true)).Max();
        world.Symbols.AddRange(symbols.Symbols);
        world.PublicKeys.AddRange(keys.Keys.Select(ProtoKeys.Encode));

        return new Wire.AuthorizerSnapshot
        {
            Limits = new Wire.RunLimits
            {
                MaxFacts = (ulong)state.Limits.MaxFacts,
                MaxIterations = (ulong)state.Limits.MaxIterations,
                MaxTime = (ulong)(state.Limits.MaxTime.Ticks * NanosecondsPerTick),
            },
            ExecutionTime = (ulong)(state.ExecutionTime.Ticks * NanosecondsPerTick),
            World = world,
        }.ToByteArray();
    }

    public static AuthorizerState DecodeSnapshot(ReadOnlySpan<byte> bytes)
    {
        var proto = ProtoReader.Parse(Wire.AuthorizerSnapshot.Parser, bytes, "authorizer snapshot");
        var world = proto.World;
        var symbols = new SymbolTable();
        symbols.Extend(world.Symbols);
        var keys = new PublicKeyTable();
        keys.Extend(world.PublicKeys.Select(ProtoKeys.Decode));
        var decoder = new BlockDecoder(symbols, keys);

        var blocks = world.Blocks.Select(b => new TokenBlock(
            DecodeBlock(decoder, b),
            b.HasVersion ? b.Version : BlockDecoder.MinVersion,
            [],
            [],
            b.ExternalKey is null ? null : ProtoKeys.Decode(b.ExternalKey))).ToList();
        var content = new AuthorizerContent(DecodeBlock(decoder, world.AuthorizerBlock), [.. world.AuthorizerPolicies.Select(decoder.Policy)]);
        var facts = world.GeneratedFacts
            .SelectMany(g =>
            {
                var origin = Origin.Of(g.Origins.Select(o => o.ContentCase switch
                {
                    Wire.Origin.ContentOneofCase.Authorizer => Origin.AuthorizerId,
                    Wire.Origin.ContentOneofCase.Origin_ => o.Origin_,
                    _ => throw new TokenFormatException(BiscuitErrorKind.Deserialization, "invalid snapshot: empty origin"),
                }));
                return g.Facts.Select(f => (origin, decoder.Fact(f)));
            })
            .ToList();

        var limits = new RunLimits(
            (int)Math.Min(proto.Limits.MaxFacts, int.MaxValue),
            (int)Math.Min(proto.Limits.MaxIterations, int.MaxValue),
            FromNanoseconds(proto.Limits.MaxTime));
        return new AuthorizerState(blocks, content, limits, FromNanoseconds(proto.ExecutionTime), (int)Math.Min(world.Iterations, int.MaxValue), facts);
    }

    public static byte[] EncodePolicies(AuthorizerContent content)
    {
        var symbols = new SymbolTable();
        var encoder = new BlockEncoder(symbols, new PublicKeyTable());
        var proto = new Wire.AuthorizerPolicies { Version = VersionDetector.Detect(content.Block, strict: true) };
        proto.Facts.AddRange(content.Block.Facts.Select(encoder.Fact));
        proto.Rules.AddRange(content.Block.Rules.Select(encoder.Rule));
        proto.Checks.AddRange(content.Block.Checks.Select(encoder.Check));
        proto.Policies.AddRange(content.Policies.Select(encoder.Policy));
        proto.Symbols.AddRange(symbols.Symbols);
        return proto.ToByteArray();
    }

    public static AuthorizerContent DecodePolicies(ReadOnlySpan<byte> bytes)
    {
        var proto = ProtoReader.Parse(Wire.AuthorizerPolicies.Parser, bytes, "authorizer policies");
        var symbols = new SymbolTable();
        symbols.Extend(proto.Symbols);
        var decoder = new BlockDecoder(symbols, new PublicKeyTable());
        var block = new Block([.. proto.Facts.Select(decoder.Fact)], [.. proto.Rules.Select(decoder.Rule)], [.. proto.Checks.Select(decoder.Check)], []);
        return new AuthorizerContent(block, [.. proto.Policies.Select(decoder.Policy)]);
    }

    private static Wire.SnapshotBlock EncodeBlock(BlockEncoder encoder, Block block, uint? version, Crypto.PublicKey? externalKey)
    {
        var proto = new Wire.SnapshotBlock { Version = version ?? VersionDetector.Detect(block, strict: true) };
        if (block.Context is not null)
        {
            proto.Context = block.Context;
        }

        proto.Facts.AddRange(block.Facts.Select(encoder.Fact));
        proto.Rules.AddRange(block.Rules.Select(encoder.Rule));
        proto.Checks.AddRange(block.Checks.Select(encoder.Check));
        proto.Scope.AddRange(block.Scopes.Select(encoder.Scope));
        if (externalKey is not null)
        {
            proto.ExternalKey = ProtoKeys.Encode(externalKey);
        }

        return proto;
    }

    private static Block DecodeBlock(BlockDecoder decoder, Wire.SnapshotBlock block) => new(
        [.. block.Facts.Select(decoder.Fact)],
        [.. block.Rules.Select(decoder.Rule)],
        [.. block.Checks.Select(decoder.Check)],
        [.. block.Scope.Select(decoder.Scope)],
        block.HasContext ? block.Context : null);

    private static TimeSpan FromNanoseconds(ulong nanoseconds) =>
        TimeSpan.FromTicks((long)Math.Min(nanoseconds / NanosecondsPerTick, (ulong)TimeSpan.MaxValue.Ticks));
}
