namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>The three payload encodings upstream accepts, in its order.</summary>
public static class PayloadContentTypes
{
    public const string Text = "text/plain";
    public const string Json = "application/json";
    public const string Base64 = "application/octet-stream+base64";

    public static IReadOnlyList<string> All { get; } = [Text, Json, Base64];
}
