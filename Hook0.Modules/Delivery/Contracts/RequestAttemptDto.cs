using System.Text.Json.Serialization;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>A request attempt as upstream shows it, with its computed <see cref="Status"/>.</summary>
public sealed record RequestAttemptDto(
    Guid RequestAttemptId,
    Guid EventId,
    AttemptEventDto Event,
    AttemptSubscriptionDto Subscription,
    DateTime CreatedAt,
    DateTime? PickedAt,
    DateTime? FailedAt,
    DateTime? SucceededAt,
    DateTime? DelayUntil,
    Guid? ResponseId,
    int RetryCount,
    int? HttpResponseStatus,
    AttemptStatusDto Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SentRequestDto? Request = null);

/// <summary>
/// The request as it was sent (our addition, ADR 0019; only on <c>GET /request_attempts/{id}</c> of a tried attempt):
/// method and URL (credential-like query values masked), the headers as the history keeps them (the subscription's own
/// header values and credential-like ones masked, signatures kept), and the body — the event's payload, standard base64
/// of the bytes sent — unless retention removed the event (<see cref="BodyUnavailable"/> then says so).
/// </summary>
public sealed record SentRequestDto(
    string? Method,
    string? Url,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    string? BodyContentType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BodyUnavailable = null)
{
    /// <summary>The <c>EGRESS_PROXIES</c> name the request went through; absent when it went directly (ADR 0031).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EgressProxy { get; init; }
}

public sealed record AttemptEventDto(Guid EventId, string EventTypeName);

public sealed record AttemptSubscriptionDto(Guid SubscriptionId, string? Description);

/// <summary>
/// Upstream's tagged union: <c>pending</c> {since}, <c>waiting</c> {since, until}, <c>inprogress</c>
/// {since} (spelled so on the wire, whatever the OpenAPI document says), <c>successful</c> and
/// <c>failed</c> {at, full_processing_ms}.
/// </summary>
public sealed record AttemptStatusDto(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Since = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Until = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? At = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FullProcessingMs = null)
{
    /// <summary>First matching rule wins, as upstream computes it on read.</summary>
    public static AttemptStatusDto Of(DateTime createdAt, DateTime? pickedAt, DateTime? delayUntil, DateTime? succeededAt, DateTime? failedAt, DateTime now)
    {
        var start = delayUntil is { } d && d > createdAt ? d : createdAt;
        return (failedAt, succeededAt, pickedAt) switch
        {
            ({ } f, _, _) => new("failed", At: f, FullProcessingMs: (long)(f - start).TotalMilliseconds),
            (_, { } s, _) => new("successful", At: s, FullProcessingMs: (long)(s - start).TotalMilliseconds),
            (_, _, { } p) => new("inprogress", Since: p),
            _ when delayUntil > now => new("waiting", Since: createdAt, Until: delayUntil),
            _ => new("pending", Since: createdAt),
        };
    }
}

/// <summary>What a try got back. The body is UTF-8 text when it is valid UTF-8, standard base64 otherwise.</summary>
public sealed record ResponseDto(
    Guid ResponseId,
    string? ResponseErrorName,
    int? HttpCode,
    IReadOnlyDictionary<string, string>? Headers,
    string? Body,
    int? ElapsedTimeMs,
    bool BodyTruncated);
