using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit.Format;

/// <summary>Structural checks and the signature walk from the root key to the proof (specification §4.6).</summary>
internal static class ChainVerifier
{
    /// <summary>Checks what must hold before any signature is looked at; returns each block's next key.</summary>
    public static IReadOnlyList<PublicKey> CheckStructure(Wire.Biscuit proto)
    {
        if (proto.Authority.ExternalSignature is not null)
        {
            throw new TokenFormatException(BiscuitErrorKind.Deserialization, "the authority block cannot carry an external signature");
        }

        var nextKeys = new List<PublicKey>();
        foreach (var block in AllBlocks(proto))
        {
            nextKeys.Add(ProtoKeys.Decode(block.NextKey));
            var version = SignatureVersion(block);
            if (version > 1)
            {
                throw new TokenFormatException(BiscuitErrorKind.UnsupportedVersion, $"unsupported block signature version {version}");
            }

            if (block.ExternalSignature is not null && version != 1)
            {
                throw new TokenFormatException(BiscuitErrorKind.UnsupportedVersion, "third-party blocks need signature version 1");
            }
        }

        if (proto.Proof.ContentCase == Wire.Proof.ContentOneofCase.None)
        {
            throw new TokenFormatException(BiscuitErrorKind.Deserialization, "the token has no proof");
        }

        return nextKeys;
    }

    public static void Verify(Wire.Biscuit proto, PublicKey root, IReadOnlyList<PublicKey> nextKeys)
    {
        var current = root;
        ReadOnlySpan<byte> previousSignature = default;
        var index = 0;
        foreach (var block in AllBlocks(proto))
        {
            var nextKey = nextKeys[index];
            var data = block.Block.Span;
            var signature = block.Signature.Span;
            var external = block.ExternalSignature;
            var externalSignature = external is null ? default : external.Signature.Span;
            var payload = SignatureVersion(block) == 0
                ? SignaturePayload.BlockV0(data, externalSignature, nextKey)
                : SignaturePayload.BlockV1(data, nextKey, previousSignature, index == 0, externalSignature, external is not null);
            if (!current.Verify(payload, signature))
            {
                throw InvalidSignature($"block {index} signature does not verify");
            }

            if (external is not null)
            {
                var externalKey = ProtoKeys.Decode(external.PublicKey);
                if (!externalKey.Verify(SignaturePayload.ExternalV1(data, previousSignature), externalSignature))
                {
                    throw InvalidSignature($"block {index} external signature does not verify");
                }
            }

            current = nextKey;
            previousSignature = signature;
            index++;
        }

        VerifyProof(proto, nextKeys[^1]);
    }

    public static uint SignatureVersion(Wire.SignedBlock block) => block.HasVersion ? block.Version : 0;

    public static IEnumerable<Wire.SignedBlock> AllBlocks(Wire.Biscuit proto) => proto.Blocks.Prepend(proto.Authority);

    private static void VerifyProof(Wire.Biscuit proto, PublicKey lastKey)
    {
        if (proto.Proof.ContentCase == Wire.Proof.ContentOneofCase.NextSecret)
        {
            bool matches;
            try
            {
                matches = PrivateKey.Matches(lastKey, proto.Proof.NextSecret.Span);
            }
            catch (BiscuitException e)
            {
                throw new TokenFormatException(BiscuitErrorKind.InvalidSignature, "the proof is not a valid private key", e);
            }

            if (!matches)
            {
                throw InvalidSignature("the last public key does not match the private key");
            }

            return;
        }

        var last = proto.Blocks.Count == 0 ? proto.Authority : proto.Blocks[^1];
        var payload = SignaturePayload.Seal(last.Block.Span, lastKey, last.Signature.Span);
        if (!lastKey.Verify(payload, proto.Proof.FinalSignature.Span))
        {
            throw InvalidSignature("the final signature does not verify");
        }
    }

    private static TokenFormatException InvalidSignature(string message) =>
        new(BiscuitErrorKind.InvalidSignature, "signature error: " + message);
}
