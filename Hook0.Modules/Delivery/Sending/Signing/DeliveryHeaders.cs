namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>Builds the header set a delivery carries, which is also the set the v1 signature covers.</summary>
internal static class DeliveryHeaders
{
    public const string ContentType = "content-type";
    public const string EventId = "x-event-id";
    public const string EventType = "x-event-type";

    /// <summary>
    /// Custom target headers first, then the worker's own headers, which replace any custom header of
    /// the same name (compared case-insensitively, as HTTP does). Names come back lower-cased.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Compose(
        IEnumerable<KeyValuePair<string, string>> customHeaders,
        string contentType,
        Guid eventId,
        string eventType)
    {
        ArgumentNullException.ThrowIfNull(customHeaders);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in customHeaders)
        {
            headers[name.ToLowerInvariant()] = value;
        }

        headers[ContentType] = contentType;
        headers[EventId] = eventId.ToString("D");
        headers[EventType] = eventType;
        return [.. headers];
    }
}
