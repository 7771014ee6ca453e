using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// Dashboard sessions, kept by Organizations in PostgreSQL (<c>iam.dashboard_session</c>) and reached through its
/// contract: every instance finds the same session, a restart keeps it, and revoking it on one instance refuses it
/// on all at their next request. The browser's cookie carries only the session's random secret; the tokens never
/// reach the browser.
/// </summary>
public sealed class SessionStore(Api api)
{
    /// <returns>The secret the cookie keeps.</returns>
    public Task<string> OpenAsync(LoginResponse tokens, HttpContext context)
        => api.Send(new OpenDashboardSessionCommand(tokens, context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);

    /// <summary>The live session the secret names, its access token fresh (refreshed first when <paramref name="refresh"/>); null when it ended.</summary>
    public Task<DashboardSessionState?> FindAsync(string secret, bool refresh = false, CancellationToken cancellationToken = default)
        => api.Send(new ResumeDashboardSessionCommand(secret, refresh), cancellationToken);
}
