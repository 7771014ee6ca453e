using Google.Protobuf;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Format;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit;

/// <summary>A block signed by a third party, returned to the token holder to append.</summary>
public sealed class ThirdPartyBlock
{
    internal ThirdPartyBlock(byte[] payload, byte[] externalSignature, PublicKey externalKey)
    {
        Payload = payload;
        ExternalSignature = externalSignature;
        ExternalKey = externalKey;
    }

    /// <summary>The third party's public key, which checks can name with <c>trusting</c>.</summary>
    public PublicKey ExternalKey { get; }

    internal byte[] Payload { get; }

    internal byte[] ExternalSignature { get; }

    /// <summary>Reads a block returned by a third party (URL-safe base64 of <c>ThirdPartyBlockContents</c>).</summary>
    public static ThirdPartyBlock Parse(string base64)
    {
        var proto = ProtoReader.Parse(Wire.ThirdPartyBlockContents.Parser, Base64Url.Decode(base64), "third-party block");
        return new ThirdPartyBlock(
            proto.Payload.ToByteArray(),
            proto.ExternalSignature.Signature.ToByteArray(),
            ProtoKeys.Decode(proto.ExternalSignature.PublicKey));
    }

    /// <summary>The signed block as URL-safe base64, to return to the token holder.</summary>
    public string ToBase64() => Base64Url.Encode(new Wire.ThirdPartyBlockContents
    {
        Payload = ByteString.CopyFrom(Payload),
        ExternalSignature = new Wire.ExternalSignature
        {
            Signature = ByteString.CopyFrom(ExternalSignature),
            PublicKey = ProtoKeys.Encode(ExternalKey),
        },
    }.ToByteArray());
}
