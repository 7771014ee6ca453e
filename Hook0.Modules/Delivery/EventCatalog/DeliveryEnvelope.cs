using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Sending.Signing;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Delivery.EventCatalog;

/// <summary>
/// What wraps every delivered payload, as an AsyncAPI headers schema. Hook0 sends the payload itself as the HTTP body
/// (no JSON envelope around it, like upstream), so the envelope is the request: the subscription's method, URL and own
/// headers, then the headers the worker sets (<see cref="DeliveryHeaders"/>) and the signatures
/// (<see cref="SignatureSchemes"/>). The names come from the classes that write them, so the catalog cannot drift from
/// what is sent.
/// </summary>
internal static class DeliveryEnvelope
{
    public const string Description =
        "Hook0 delivers each event as one HTTP request to every enabled subscription whose event types include it: the subscription's method "
        + "and URL, its own headers, then the headers below. The body is the event's payload exactly as it was ingested (no envelope around it); "
        + "its Content-Type is the payload content type given at ingestion. A 2xx answer is a success; any other answer, a timeout or a "
        + "connection failure is retried with backoff until the retry policy is exhausted.";

    /// <summary>The headers of one delivery of <paramref name="eventType"/>.</summary>
    public static JsonObject Headers(string eventType, string signatureHeader, SignatureVersions versions) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray(DeliveryHeaders.ContentType, DeliveryHeaders.EventId, DeliveryHeaders.EventType),
        ["properties"] = new JsonObject
        {
            [DeliveryHeaders.ContentType] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. PayloadContentTypes.All.Select(t => (JsonNode)t)]),
                ["description"] = "The payload content type given when the event was ingested.",
            },
            [DeliveryHeaders.EventId] = new JsonObject
            {
                ["type"] = "string",
                ["format"] = "uuid",
                ["description"] = "The event's id: the same on every attempt and every replay of the event, so receivers can deduplicate on it.",
            },
            [DeliveryHeaders.EventType] = new JsonObject
            {
                ["type"] = "string",
                ["const"] = eventType,
                ["description"] = "The event type's name.",
            },
            [signatureHeader] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = Hook0SignatureText(versions),
            },
            [StandardHeaders.Id] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Standard Webhooks message id: msg_ + the event id and the subscription id (32 hex digits each), the same on every attempt; sent when the subscription's signature_schemes is standard or both (the default).",
            },
            [StandardHeaders.Timestamp] = new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = "^[0-9]+$",
                ["description"] = "Standard Webhooks timestamp (Unix seconds); sent when the subscription's signature_schemes is standard or both (the default).",
            },
            [StandardHeaders.Signature] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Standard Webhooks signatures, space-separated: v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\" with the "
                    + "subscription's whsec_ secret>, and v1a,<base64 Ed25519> when the subscription signs asymmetrically; several during a secret rotation. "
                    + "Sent when the subscription's signature_schemes is standard or both (the default).",
            },
        },
    };

    private static string Hook0SignatureText(SignatureVersions versions)
    {
        var parts = new List<string> { "t=<Unix seconds>" };
        if (versions.HasFlag(SignatureVersions.V0))
        {
            parts.Add("v0=<hex HMAC-SHA256 of \"{t}.{body}\">");
        }

        if (versions.HasFlag(SignatureVersions.V1))
        {
            parts.Add("h=<space-separated lower-case names of the signed headers>");
            parts.Add("v1=<hex HMAC-SHA256 of \"{t}.{h}.{values of the h headers joined with '.'}.{body}\">");
        }

        return $"Hook0's signature, keyed with the subscription's secret: {string.Join(",", parts)}. "
            + "Sent when the subscription's signature_schemes is hook0 or both (the default). Verify it with a Hook0 SDK.";
    }
}
