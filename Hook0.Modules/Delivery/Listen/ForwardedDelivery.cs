namespace Hook0.Modules.Delivery.Listen;

/// <summary>
/// What the server asks a <c>hook0 listen</c> session to forward (SignalR <c>Deliver</c>): the headers an HTTP delivery
/// would carry — signatures included, so the local receiver verifies it as it would a real one — and the payload.
/// </summary>
public sealed record ForwardRequest(Guid EventId, string EventType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>
/// The local receiver's answer as the session saw it: its status, headers and the start of its body, or
/// <see cref="Error"/> when it could not be reached (then recorded as a connection failure).
/// </summary>
public sealed record ForwardAnswer(int? Status, Dictionary<string, string>? Headers, byte[]? Body, bool BodyTruncated, string? Error);
