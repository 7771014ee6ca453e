using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// The signed-in user as a page sees it (one per circuit): the session the circuit was started with, resumed
/// from the database at each call (so a session revoked on any instance stops this circuit at its next call),
/// and the <see cref="Caller"/> its access token stands for.
/// </summary>
public sealed class UserSession(AuthenticationStateProvider authentication, SessionStore store, Api api)
{
    public async Task<DashboardSessionState?> CurrentAsync(bool refresh = false)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(SessionCookie.ClaimType)?.Value is { } secret ? await store.FindAsync(secret, refresh) : null;
    }

    /// <summary>The caller to put in commands, or null when nobody is signed in (or the session ended).</summary>
    /// <param name="refresh">Mint a new token pair first: after creating an organization, its role is only in a new token.</param>
    public async Task<Caller?> CallerAsync(bool refresh = false)
        => await CurrentAsync(refresh) is { } session ? await api.Send(new AuthenticateQuery(session.AccessToken)) : null;
}
