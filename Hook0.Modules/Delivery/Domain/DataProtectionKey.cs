namespace Hook0.Modules.Delivery.Domain;

/// <summary>One element of the Data Protection key ring that seals subscription secrets (itself encrypted when a key is configured).</summary>
internal sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
