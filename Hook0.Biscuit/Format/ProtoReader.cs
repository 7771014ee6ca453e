using Google.Protobuf;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Format;

/// <summary>
/// Protobuf parsing with typed errors and the <c>required</c> checks Google.Protobuf skips.
/// Nesting depth is bounded by the library's default recursion limit (100).
/// </summary>
internal static class ProtoReader
{
    public static T Parse<T>(MessageParser<T> parser, ByteString bytes, string what) where T : IMessage<T> =>
        Parse(parser, bytes.Span, what);

    public static T Parse<T>(MessageParser<T> parser, ReadOnlySpan<byte> bytes, string what) where T : IMessage<T>
    {
        T message;
        try
        {
            message = parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TokenFormatException(BiscuitErrorKind.Deserialization, $"could not decode {what}: {e.Message}", e);
        }

        if (!message.IsInitialized())
        {
            throw new TokenFormatException(BiscuitErrorKind.Deserialization, $"could not decode {what}: a required field is missing");
        }

        return message;
    }
}
