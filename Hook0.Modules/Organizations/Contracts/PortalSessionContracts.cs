using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Mints a customer-portal link for one application (ADR 0028): a <c>portal_access</c> Biscuit with the label
/// scope, the allowed event types (none: all), <paramref name="ReadOnly"/>, an expiry and the issuer, which only a
/// service token or a user session may be (something that can be revoked, so revoking it ends the session).
/// </summary>
public sealed record CreatePortalSessionCommand(
    Caller Caller,
    Guid ApplicationId,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> EventTypes,
    bool ReadOnly,
    int LifetimeSeconds) : ICommand<PortalSessionCreated>, IAuthorizedRequest
{
    public const int DefaultLifetimeSeconds = 3600;
    public const int MaxLifetimeSeconds = 7 * 86_400;

    public Access Access => new(Caller, Actions.PortalSessionCreate, ApplicationId: ApplicationId);
}

/// <summary>The answer of <c>POST /portal_sessions</c>: the link carries the token after <c>#</c>, so it never reaches a server log or a <c>Referer</c>.</summary>
public sealed record PortalSessionCreated(Guid PortalSessionId, string Url, DateTime ExpiresAt);

/// <summary>
/// Exchanges a link's token, once, for the secret the portal page keeps (in its own <c>sessionStorage</c>). The
/// token must be this instance's, for <paramref name="ApplicationId"/> (the application in the page's address),
/// unused, unexpired and live.
/// </summary>
public sealed record ExchangePortalLinkCommand(Guid ApplicationId, string Token) : ICommand<PortalExchange>;

/// <summary>How an exchange ended; <see cref="Secret"/> only when <see cref="Outcome"/> is <see cref="PortalLinkOutcome.Opened"/>.</summary>
public sealed record PortalExchange(PortalLinkOutcome Outcome, string? Secret);

public enum PortalLinkOutcome
{
    Opened,

    /// <summary>Not a token of this instance, tampered with, or not a portal token.</summary>
    Invalid,

    /// <summary>A portal token for another application than the page's.</summary>
    OtherApplication,

    /// <summary>The link was already exchanged (a link works once).</summary>
    Used,

    /// <summary>Expired, ended by <c>DELETE</c>, its issuer revoked or its application deleted.</summary>
    Ended,
}

/// <summary>
/// The live portal session a page's secret names, re-checked now (not ended or expired, application live, issuer
/// live); null otherwise. Its <see cref="PortalScope.Caller"/> carries the token and the liveness facts its checks need.
/// </summary>
public sealed record ResumePortalSessionQuery(Guid ApplicationId, string Secret) : IQuery<PortalScope?>;

/// <summary>What a portal page may see and do, read from the token this instance signed.</summary>
public sealed record PortalScope(
    Guid PortalSessionId,
    Guid ApplicationId,
    Caller Caller,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> EventTypes,
    bool ReadOnly,
    DateTime ExpiresAt);

/// <summary>An application's portal settings (defaults when it has none); null when the application does not exist.</summary>
public sealed record GetPortalSettingsQuery(Guid ApplicationId) : IQuery<PortalSettingsDto?>;

/// <summary>Allowed embedding origins (sent as <c>frame-ancestors</c>) and branding.</summary>
public sealed record PortalSettingsDto(
    Guid ApplicationId,
    IReadOnlyList<string> AllowedOrigins,
    string? DisplayName,
    string? LogoUrl,
    string? AccentColor,
    string Theme);

/// <summary>Replaces an application's portal settings (editors: <c>application:edit</c>).</summary>
public sealed record EditPortalSettingsCommand(
    Caller Caller,
    Guid ApplicationId,
    IReadOnlyList<string> AllowedOrigins,
    string? DisplayName,
    string? LogoUrl,
    string? AccentColor,
    string Theme) : ICommand<PortalSettingsDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationEdit, ApplicationId: ApplicationId);
}
