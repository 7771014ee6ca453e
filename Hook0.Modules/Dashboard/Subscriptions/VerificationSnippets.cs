namespace Hook0.Modules.Dashboard.Subscriptions;

/// <summary>
/// How a receiver checks a delivery's Standard Webhooks signature (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>: HMAC-SHA256 of <c>id.timestamp.body</c> with the secret after <c>whsec_</c>, five minutes of
/// tolerance), in the three languages most receivers are written in. Node uses the reference package; Python and C#
/// need nothing outside their standard libraries. Each is run by a test against a real delivery.
/// </summary>
public static class VerificationSnippets
{
    public static IReadOnlyList<(string Language, string Code)> All(string secret) =>
    [
        ("Node", Node(secret)),
        ("Python", Python(secret)),
        ("C#", CSharp(secret)),
    ];

    public static string Node(string secret) => $$"""
        import { Webhook } from "standardwebhooks";

        const webhook = new Webhook("{{secret}}");

        // In your handler, with the raw request body (before any JSON parsing):
        // throws unless the signature, the timestamp (within 5 minutes) and the body all match.
        const event = webhook.verify(rawBody, {
          "webhook-id": request.headers["webhook-id"],
          "webhook-timestamp": request.headers["webhook-timestamp"],
          "webhook-signature": request.headers["webhook-signature"],
        });
        """;

    public static string Python(string secret) => $$"""
        import base64, hashlib, hmac, time

        SECRET = "{{secret}}"

        def verify(raw_body: bytes, headers: dict) -> None:
            # Call it with the raw request body (before any JSON parsing) and lower-case header names:
            # raises ValueError unless the signature, the timestamp (within 5 minutes) and the body all match.
            msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
            if abs(time.time() - int(timestamp)) > 300:
                raise ValueError("webhook-timestamp is more than 5 minutes away")
            key = base64.b64decode(SECRET.removeprefix("whsec_"))
            signed = f"{msg_id}.{timestamp}.".encode() + raw_body
            expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            for candidate in headers["webhook-signature"].split(" "):
                version, _, signature = candidate.partition(",")
                if version == "v1" and hmac.compare_digest(signature, expected):
                    return
            raise ValueError("no valid webhook-signature")
        """;

    public static string CSharp(string secret) => $$"""
        using System.Security.Cryptography;
        using System.Text;

        static class WebhookSignature
        {
            const string Secret = "{{secret}}";

            // Call it with the raw request body (before any JSON parsing) and lower-case header names:
            // throws unless the signature, the timestamp (within 5 minutes) and the body all match.
            public static void Verify(byte[] rawBody, IReadOnlyDictionary<string, string> headers)
            {
                var (id, timestamp) = (headers["webhook-id"], headers["webhook-timestamp"]);
                if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp)) > 300)
                    throw new InvalidOperationException("webhook-timestamp is more than 5 minutes away");
                var key = Convert.FromBase64String(Secret["whsec_".Length..]);
                byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. rawBody];
                var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
                foreach (var candidate in headers["webhook-signature"].Split(' '))
                {
                    var parts = candidate.Split(',', 2);
                    if (parts is ["v1", var signature] && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), expected))
                        return;
                }
                throw new InvalidOperationException("no valid webhook-signature");
            }
        }
        """;
}
