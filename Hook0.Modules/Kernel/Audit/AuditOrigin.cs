using System.Diagnostics;
using Hook0.Modules.Kernel.Auth;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// Who is acting in this scope and from where, for the audit records written in it. The caller comes from the first
/// authorized message of the scope (the authorization behaviour hands it over, so every management command is covered
/// without each handler passing it); the channel, address, user agent and request id come from the HTTP request, or,
/// for a dashboard circuit (no request per click), from what the dashboard's <c>Api</c> sets on the scope it creates.
/// </summary>
public sealed class AuditOrigin(IHttpContextAccessor accessor)
{
    private string? _channel;
    private string? _clientIp;
    private string? _userAgent;
    private string? _requestId;

    public Caller? Caller { get; private set; }

    /// <summary>The outermost message's caller wins: a handler that sends another message still acts for the same person.</summary>
    public void Adopt(Caller caller) => Caller ??= caller;

    /// <summary>A dashboard or portal circuit describes its own origin (its SignalR connection's address and browser).</summary>
    public void FromCircuit(string channel, string? clientIp, string? userAgent)
    {
        _channel = channel;
        _clientIp = clientIp;
        _userAgent = userAgent;
        _requestId = Activity.Current?.TraceId.ToString() ?? Guid.CreateVersion7().ToString("N");
    }

    public string Channel
    {
        get
        {
            if (Caller?.Kind == CallerKind.Portal)
            {
                return AuditChannels.Portal;
            }

            if (_channel is not null)
            {
                return _channel;
            }

            var http = accessor.HttpContext;
            if (http is null)
            {
                return AuditChannels.System;
            }

            if (http.Request.Path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase))
            {
                return AuditChannels.Mcp;
            }

            return http.Request.Headers.UserAgent.ToString().Contains(AuditChannels.CliProduct + "/", StringComparison.OrdinalIgnoreCase)
                ? AuditChannels.Cli
                : AuditChannels.Rest;
        }
    }

    public string? ClientIp => _channel is not null ? _clientIp : accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => Bounded(_channel is not null ? _userAgent : accessor.HttpContext?.Request.Headers.UserAgent.ToString(), 512);

    public string? RequestId => _channel is not null ? _requestId : Bounded(accessor.HttpContext?.TraceIdentifier, 128);

    /// <summary>The actor's kind and a non-secret id: the user's id, or the credential's stable key (never the credential).</summary>
    public (string Kind, string? Id) Actor => Caller switch
    {
        null => ("system", null),
        { Kind: CallerKind.User, UserId: { } user } => ("user", user.ToString()),
        { Kind: CallerKind.Master } => ("master_key", null),
        { Kind: CallerKind.ServiceToken } c => ("service_token", c.RateLimitKey),
        { Kind: CallerKind.ApplicationSecret } c => ("application_secret", c.RateLimitKey),
        { Kind: CallerKind.Portal } c => ("portal_session", c.RateLimitKey),
        { } c => (c.Kind.ToString().ToLowerInvariant(), c.RateLimitKey),
    };

    private static string? Bounded(string? text, int max) => string.IsNullOrEmpty(text) ? null : text.Length <= max ? text : text[..max];
}
