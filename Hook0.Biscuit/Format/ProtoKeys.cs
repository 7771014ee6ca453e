using Google.Protobuf;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Errors;
using Wire = Hook0.Biscuit.Format.Schema;

namespace Hook0.Biscuit.Format;

internal static class ProtoKeys
{
    public static PublicKey Decode(Wire.PublicKey key)
    {
        var algorithm = (Algorithm)key.Algorithm;
        if (!Enum.IsDefined(algorithm))
        {
            throw new TokenFormatException(BiscuitErrorKind.InvalidKey, $"unknown key algorithm {(int)key.Algorithm}");
        }

        try
        {
            return PublicKey.FromBytes(algorithm, key.Key.Span);
        }
        catch (BiscuitException e) when (e is not TokenFormatException)
        {
            throw new TokenFormatException(e.Kind, e.Message, e);
        }
    }

    public static Wire.PublicKey Encode(PublicKey key) => new()
    {
        Algorithm = (Wire.PublicKey.Types.Algorithm)key.Algorithm,
        Key = ByteString.CopyFrom(key.Raw),
    };
}
