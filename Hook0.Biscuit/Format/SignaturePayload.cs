using System.Buffers;
using System.Buffers.Binary;
using Hook0.Biscuit.Crypto;

namespace Hook0.Biscuit.Format;

/// <summary>Byte strings that block, external and seal signatures cover (specification §4.2–4.5).</summary>
internal static class SignaturePayload
{
    private static readonly byte[] BlockTag = "\0BLOCK\0"u8.ToArray();
    private static readonly byte[] ExternalTag = "\0EXTERNAL\0"u8.ToArray();
    private static readonly byte[] VersionTag = "\0VERSION\0"u8.ToArray();
    private static readonly byte[] PayloadTag = "\0PAYLOAD\0"u8.ToArray();
    private static readonly byte[] AlgorithmTag = "\0ALGORITHM\0"u8.ToArray();
    private static readonly byte[] NextKeyTag = "\0NEXTKEY\0"u8.ToArray();
    private static readonly byte[] PreviousSignatureTag = "\0PREVSIG\0"u8.ToArray();
    private static readonly byte[] ExternalSignatureTag = "\0EXTERNALSIG\0"u8.ToArray();

    /// <summary>Legacy layout: no domain separation and no link to the previous block.</summary>
    public static byte[] BlockV0(ReadOnlySpan<byte> data, ReadOnlySpan<byte> externalSignature, PublicKey nextKey)
    {
        var writer = new PayloadWriter();
        writer.Write(data);
        writer.Write(externalSignature);
        writer.WriteInt32((int)nextKey.Algorithm);
        writer.Write(nextKey.Raw);
        return writer.ToArray();
    }

    /// <summary>Version 1 layout; <paramref name="previousSignature"/> is empty for the authority block.</summary>
    public static byte[] BlockV1(ReadOnlySpan<byte> data, PublicKey nextKey, ReadOnlySpan<byte> previousSignature, bool isAuthority, ReadOnlySpan<byte> externalSignature, bool isThirdParty)
    {
        var writer = new PayloadWriter();
        writer.Write(BlockTag);
        writer.Write(VersionTag);
        writer.WriteInt32(1);
        writer.Write(PayloadTag);
        writer.Write(data);
        writer.Write(AlgorithmTag);
        writer.WriteInt32((int)nextKey.Algorithm);
        writer.Write(NextKeyTag);
        writer.Write(nextKey.Raw);
        if (!isAuthority)
        {
            writer.Write(PreviousSignatureTag);
            writer.Write(previousSignature);
        }

        if (isThirdParty)
        {
            writer.Write(ExternalSignatureTag);
            writer.Write(externalSignature);
        }

        return writer.ToArray();
    }

    /// <summary>What a third party signs: the block bytes bound to the signature of the block before it.</summary>
    public static byte[] ExternalV1(ReadOnlySpan<byte> data, ReadOnlySpan<byte> previousSignature)
    {
        var writer = new PayloadWriter();
        writer.Write(ExternalTag);
        writer.Write(VersionTag);
        writer.WriteInt32(1);
        writer.Write(PayloadTag);
        writer.Write(data);
        writer.Write(PreviousSignatureTag);
        writer.Write(previousSignature);
        return writer.ToArray();
    }

    /// <summary>The seal covers the last block's bytes, next key and signature (one layout for all versions).</summary>
    public static byte[] Seal(ReadOnlySpan<byte> data, PublicKey nextKey, ReadOnlySpan<byte> signature)
    {
        var writer = new PayloadWriter();
        writer.Write(data);
        writer.WriteInt32((int)nextKey.Algorithm);
        writer.Write(nextKey.Raw);
        writer.Write(signature);
        return writer.ToArray();
    }

    private sealed class PayloadWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);

        public void Write(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

        public void WriteInt32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
            _buffer.Advance(4);
        }

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
    }
}
