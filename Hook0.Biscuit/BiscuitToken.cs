using Google.Protobuf;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;
using Hook0.Biscuit.Format;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit;

/// <summary>
/// A verified Biscuit token. Parse one with <see cref="Parse(string, PublicKey, ParseOptions?)"/>, mint
/// one with <see cref="CreateBuilder"/>, restrict it with <see cref="Attenuate(BlockBuilder, Algorithm)"/>,
/// and authorize it with <see cref="Authorization.AuthorizerBuilder"/>. Instances are immutable.
/// </summary>
public sealed class BiscuitToken
{
    private readonly Wire.Biscuit _proto;
    private readonly IReadOnlyList<PublicKey> _nextKeys;
    private readonly SymbolTable _symbols;
    private readonly PublicKeyTable _keys;

    private BiscuitToken(Wire.Biscuit proto, IReadOnlyList<PublicKey> nextKeys, IReadOnlyList<TokenBlock> blocks, SymbolTable symbols, PublicKeyTable keys)
    {
        _proto = proto;
        _nextKeys = nextKeys;
        Blocks = blocks;
        _symbols = symbols;
        _keys = keys;
    }

    /// <summary>Authority block first, then attenuation blocks in order.</summary>
    public IReadOnlyList<TokenBlock> Blocks { get; }

    public int BlockCount => Blocks.Count;

    /// <summary>Hint naming the root key that signed the token, if the issuer set one.</summary>
    public uint? RootKeyId => _proto.HasRootKeyId ? _proto.RootKeyId : null;

    /// <summary>True when the token carries a final signature and can no longer be attenuated.</summary>
    public bool IsSealed => _proto.Proof.ContentCase == Wire.Proof.ContentOneofCase.FinalSignature;

    /// <summary>Revocation identifiers: the hex of each block's signature, authority first.</summary>
    public IReadOnlyList<string> RevocationIds =>
        [.. ChainVerifier.AllBlocks(_proto).Select(b => Convert.ToHexStringLower(b.Signature.Span))];

    /// <summary>Starts a new token signed by <paramref name="root"/>.</summary>
    public static BiscuitTokenBuilder CreateBuilder(KeyPair root) => new(root);

    /// <summary>Parses URL-safe base64 (padding optional) and verifies every signature against the root key.</summary>
    public static BiscuitToken Parse(string base64, PublicKey rootKey, ParseOptions? options = null) =>
        FromBytes(Base64Url.Decode(base64), rootKey, options);

    /// <summary>Parses and verifies, asking <paramref name="rootKeyProvider"/> for the root key matching the token's root key id (null when absent).</summary>
    public static BiscuitToken Parse(string base64, Func<uint?, PublicKey?> rootKeyProvider, ParseOptions? options = null) =>
        FromBytes(Base64Url.Decode(base64), rootKeyProvider, options);

    /// <summary>Parses raw token bytes and verifies every signature against the root key.</summary>
    public static BiscuitToken FromBytes(ReadOnlySpan<byte> bytes, PublicKey rootKey, ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rootKey);
        return FromBytes(bytes, _ => rootKey, options);
    }

    /// <summary>Parses raw token bytes, picking the root key by the token's root key id.</summary>
    public static BiscuitToken FromBytes(ReadOnlySpan<byte> bytes, Func<uint?, PublicKey?> rootKeyProvider, ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rootKeyProvider);
        options ??= ParseOptions.Default;
        if (bytes.Length > options.MaxTokenBytes)
        {
            throw new TokenFormatException(BiscuitErrorKind.TokenTooLarge, $"token of {bytes.Length} bytes exceeds the limit of {options.MaxTokenBytes}");
        }

        var proto = ProtoReader.Parse(Wire.Biscuit.Parser, bytes, "token");
        if (proto.Blocks.Count + 1 > options.MaxBlocks)
        {
            throw new TokenFormatException(BiscuitErrorKind.TokenTooLarge, $"token has {proto.Blocks.Count + 1} blocks, more than the limit of {options.MaxBlocks}");
        }

        var nextKeys = ChainVerifier.CheckStructure(proto);
        var rootKeyId = proto.HasRootKeyId ? proto.RootKeyId : (uint?)null;
        var root = rootKeyProvider(rootKeyId)
            ?? throw new TokenFormatException(BiscuitErrorKind.UnknownRootKey, $"no root public key for root key id {rootKeyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
        ChainVerifier.Verify(proto, root, nextKeys);
        return FromVerifiedProto(proto, nextKeys);
    }

    /// <summary>Serialized token bytes.</summary>
    public byte[] ToBytes() => _proto.ToByteArray();

    /// <summary>URL-safe base64 with padding, the reference's text form.</summary>
    public string ToBase64() => Base64Url.Encode(ToBytes());

    public override string ToString() => ToBase64();

    /// <summary>Appends a first-party block; anyone holding the token can do this, but only to restrict it.</summary>
    public BiscuitToken Attenuate(BlockBuilder block, Algorithm nextKeyAlgorithm = Algorithm.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(block);
        var signingKey = CurrentSecret();
        var symbols = _symbols.Clone();
        var keys = _keys.Clone();
        var (data, datalogVersion) = BlockEncoder.Encode(block.Build(), symbols, keys, thirdParty: false);
        var next = KeyPair.Generate(nextKeyAlgorithm);

        // Payload v1 when the block or keys need it; once a chain is on v1 it stays on v1.
        var previousMax = ChainVerifier.AllBlocks(_proto).Max(ChainVerifier.SignatureVersion);
        var version = datalogVersion >= 6 || signingKey.Algorithm != Algorithm.Ed25519 || nextKeyAlgorithm != Algorithm.Ed25519
            ? 1u
            : previousMax;
        var previousSignature = LastBlock.Signature.Span;
        var payload = version == 0
            ? SignaturePayload.BlockV0(data, default, next.PublicKey)
            : SignaturePayload.BlockV1(data, next.PublicKey, previousSignature, isAuthority: false, default, isThirdParty: false);

        var signed = NewSignedBlock(data, next.PublicKey, signingKey.Sign(payload), version);
        return Append(signed, next);
    }

    /// <summary>Appends a block written as datalog source.</summary>
    public BiscuitToken Attenuate(string code, IReadOnlyDictionary<string, Term>? parameters = null, Algorithm nextKeyAlgorithm = Algorithm.Ed25519) =>
        Attenuate(new BlockBuilder().AddCode(code, parameters), nextKeyAlgorithm);

    /// <summary>Replaces the proof with a final signature: the token can still be verified but no longer attenuated.</summary>
    public BiscuitToken Seal()
    {
        var signingKey = CurrentSecret();
        var last = LastBlock;
        var signature = signingKey.Sign(SignaturePayload.Seal(last.Block.Span, _nextKeys[^1], last.Signature.Span));
        var proto = _proto.Clone();
        proto.Proof = new Wire.Proof { FinalSignature = ByteString.CopyFrom(signature) };
        return new BiscuitToken(proto, _nextKeys, Blocks, _symbols, _keys);
    }

    /// <summary>Creates the request a third party needs to sign a block for this token.</summary>
    public ThirdPartyRequest CreateThirdPartyRequest() =>
        IsSealed
            ? throw new BiscuitException(BiscuitErrorKind.AppendOnSealed, "a third-party block cannot be requested for a sealed token")
            : new ThirdPartyRequest(LastBlock.Signature.ToByteArray());

    /// <summary>Appends a block signed by a third party (see <see cref="ThirdPartyRequest.CreateBlock"/>).</summary>
    public BiscuitToken AppendThirdPartyBlock(ThirdPartyBlock block, Algorithm nextKeyAlgorithm = Algorithm.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(block);
        var signingKey = CurrentSecret();
        var previousSignature = LastBlock.Signature.Span;
        if (!block.ExternalKey.Verify(SignaturePayload.ExternalV1(block.Payload, previousSignature), block.ExternalSignature))
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidThirdPartyBlock, "the third-party block was not signed for this token");
        }

        var next = KeyPair.Generate(nextKeyAlgorithm);
        var payload = SignaturePayload.BlockV1(block.Payload, next.PublicKey, previousSignature, isAuthority: false, block.ExternalSignature, isThirdParty: true);
        var signed = NewSignedBlock(block.Payload, next.PublicKey, signingKey.Sign(payload), 1);
        signed.ExternalSignature = new Wire.ExternalSignature
        {
            Signature = ByteString.CopyFrom(block.ExternalSignature),
            PublicKey = ProtoKeys.Encode(block.ExternalKey),
        };
        return Append(signed, next);
    }

    internal static BiscuitToken Mint(KeyPair root, Block authority, uint? rootKeyId, KeyPair next)
    {
        var (data, datalogVersion) = BlockEncoder.Encode(authority, new SymbolTable(), new PublicKeyTable(), thirdParty: false);
        var version = datalogVersion >= 6 || root.Algorithm != Algorithm.Ed25519 || next.Algorithm != Algorithm.Ed25519 ? 1u : 0u;
        var payload = version == 0
            ? SignaturePayload.BlockV0(data, default, next.PublicKey)
            : SignaturePayload.BlockV1(data, next.PublicKey, default, isAuthority: true, default, isThirdParty: false);
        var proto = new Wire.Biscuit
        {
            Authority = NewSignedBlock(data, next.PublicKey, root.PrivateKey.Sign(payload), version),
            Proof = new Wire.Proof { NextSecret = ByteString.CopyFrom(next.PrivateKey.Raw) },
        };
        if (rootKeyId is { } id)
        {
            proto.RootKeyId = id;
        }

        return FromVerifiedProto(proto, ChainVerifier.CheckStructure(proto));
    }

    private Wire.SignedBlock LastBlock => _proto.Blocks.Count == 0 ? _proto.Authority : _proto.Blocks[^1];

    private BiscuitToken Append(Wire.SignedBlock signed, KeyPair next)
    {
        var proto = _proto.Clone();
        proto.Blocks.Add(signed);
        proto.Proof = new Wire.Proof { NextSecret = ByteString.CopyFrom(next.PrivateKey.Raw) };
        return FromVerifiedProto(proto, ChainVerifier.CheckStructure(proto));
    }

    private PrivateKey CurrentSecret()
    {
        if (IsSealed)
        {
            throw new BiscuitException(BiscuitErrorKind.AlreadySealed, "the token is sealed and cannot be attenuated");
        }

        return PrivateKey.FromBytes(_nextKeys[^1].Algorithm, _proto.Proof.NextSecret.Span);
    }

    private static Wire.SignedBlock NewSignedBlock(byte[] data, PublicKey nextKey, byte[] signature, uint version)
    {
        var block = new Wire.SignedBlock
        {
            Block = ByteString.CopyFrom(data),
            NextKey = ProtoKeys.Encode(nextKey),
            Signature = ByteString.CopyFrom(signature),
        };

        // The reference writes the field only when it is not the default.
        if (version > 0)
        {
            block.Version = version;
        }

        return block;
    }

    /// <summary>Decodes the datalog of every block; signatures must already have been checked (or just made).</summary>
    private static BiscuitToken FromVerifiedProto(Wire.Biscuit proto, IReadOnlyList<PublicKey> nextKeys)
    {
        var symbols = new SymbolTable();
        var keys = new PublicKeyTable();
        var blocks = new List<TokenBlock>();
        foreach (var signed in ChainVerifier.AllBlocks(proto))
        {
            // Third-party blocks get isolated tables so they cannot redefine the token's symbols.
            var external = signed.ExternalSignature is null ? null : ProtoKeys.Decode(signed.ExternalSignature.PublicKey);
            blocks.Add(external is null
                ? BlockDecoder.Decode(signed.Block, symbols, keys, null)
                : BlockDecoder.Decode(signed.Block, new SymbolTable(), new PublicKeyTable(), external));
        }

        return new BiscuitToken(proto, nextKeys, blocks, symbols, keys);
    }
}
