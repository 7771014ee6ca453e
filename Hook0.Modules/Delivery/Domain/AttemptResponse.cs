namespace Hook0.Modules.Delivery.Domain;

/// <summary>What one try got back: an HTTP answer, or the error class of a failure without one.</summary>
internal sealed class AttemptResponse
{
    public Guid Id { get; set; }
    public string? ResponseErrorName { get; set; }
    public short? HttpCode { get; set; }
    public Dictionary<string, string>? Headers { get; set; }
    public byte[]? Body { get; set; }

    /// <summary>True when the body was cut at the configured cap (upstream keeps bodies unbounded).</summary>
    public bool BodyTruncated { get; set; }
    public int? ElapsedTimeMs { get; set; }
}
