using Google.Protobuf;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;
using Hook0.Biscuit.Format;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit;

/// <summary>
/// What a token holder sends to a third party: the signature of the token's last block, to which
/// the third party's block gets bound (so it cannot be replayed onto another token).
/// </summary>
public sealed class ThirdPartyRequest
{
    private readonly byte[] _previousSignature;

    internal ThirdPartyRequest(byte[] previousSignature)
    {
        _previousSignature = previousSignature;
    }

    /// <summary>Reads a request sent by a token holder (URL-safe base64 of <c>ThirdPartyBlockRequest</c>).</summary>
    public static ThirdPartyRequest Parse(string base64)
    {
        var proto = ProtoReader.Parse(Wire.ThirdPartyBlockRequest.Parser, Base64Url.Decode(base64), "third-party block request");
        if (proto.LegacyPreviousKey is not null || proto.LegacyPublicKeys.Count > 0)
        {
            throw new TokenFormatException(BiscuitErrorKind.Deserialization, "legacy third-party block requests are not supported");
        }

        return new ThirdPartyRequest(proto.PreviousSignature.ToByteArray());
    }

    /// <summary>The request as URL-safe base64, to send to the third party.</summary>
    public string ToBase64() =>
        Base64Url.Encode(new Wire.ThirdPartyBlockRequest { PreviousSignature = ByteString.CopyFrom(_previousSignature) }.ToByteArray());

    /// <summary>Run by the third party: serializes the block with its own symbol table and signs it with <paramref name="key"/>.</summary>
    public ThirdPartyBlock CreateBlock(KeyPair key, BlockBuilder block)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(block);
        var (payload, _) = BlockEncoder.Encode(block.Build(), new SymbolTable(), new PublicKeyTable(), thirdParty: true);
        var signature = key.PrivateKey.Sign(SignaturePayload.ExternalV1(payload, _previousSignature));
        return new ThirdPartyBlock(payload, signature, key.PublicKey);
    }
}
