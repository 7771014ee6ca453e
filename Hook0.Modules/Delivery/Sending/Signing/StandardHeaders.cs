namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>Standard Webhooks' header names (lower case, as the specification writes them).</summary>
internal static class StandardHeaders
{
    public const string Id = "webhook-id";
    public const string Timestamp = "webhook-timestamp";
    public const string Signature = "webhook-signature";

    public static bool IsReserved(string name)
        => name.Equals(Id, StringComparison.OrdinalIgnoreCase) || name.Equals(Timestamp, StringComparison.OrdinalIgnoreCase)
           || name.Equals(Signature, StringComparison.OrdinalIgnoreCase);
}
