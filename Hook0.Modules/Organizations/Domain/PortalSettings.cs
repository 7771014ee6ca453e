namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// An application's customer-portal settings (ADR 0028): which origins may frame it, and its branding. An
/// application without a row has no allowed origin (the portal then works only as a full page) and default branding.
/// </summary>
internal sealed class PortalSettings
{
    public const int MaxOrigins = 20;
    public const int OriginMaxLength = 200;
    public const int DisplayNameMaxLength = 100;
    public const int LogoUrlMaxLength = 500;

    public Guid ApplicationId { get; set; }
    public string[] AllowedOrigins { get; set; } = [];
    public string? DisplayName { get; set; }
    public string? LogoUrl { get; set; }

    /// <summary><c>#rrggbb</c>, or null for the dashboard's colour.</summary>
    public string? AccentColor { get; set; }

    /// <summary><c>light</c> or <c>dark</c>.</summary>
    public string Theme { get; set; } = "light";

    public DateTime UpdatedAt { get; set; }
}
