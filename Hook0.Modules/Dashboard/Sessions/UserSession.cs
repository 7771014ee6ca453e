using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// The signed-in user as a page sees it (one per circuit): the session the circuit was started with,
/// and the <see cref="Caller"/> its access token stands for, refreshed first when it is about to expire.
/// </summary>
public sealed class UserSession(AuthenticationStateProvider authentication, SessionStore store, Api api, TimeProvider time)
{
    public async Task<DashboardSession?> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(SessionCookie.ClaimType)?.Value is { } id ? store.Find(id) : null;
    }

    /// <summary>The caller to put in commands, or null when nobody is signed in (or the session ended).</summary>
    /// <param name="refresh">Mint a new token pair first: after creating an organization, its role is only in a new token.</param>
    public async Task<Caller?> CallerAsync(bool refresh = false)
    {
        if (await CurrentAsync() is not { } session
            || !await session.EnsureFreshAsync(RefreshAsync, time.GetUtcNow().UtcDateTime, refresh))
        {
            return null;
        }

        var caller = await api.Send(new AuthenticateQuery(session.Tokens.AccessToken));
        if (caller is null)
        {
            store.Close(session.Id); // logged out elsewhere, or the password changed
        }

        return caller;
    }

    private async Task<LoginResponse?> RefreshAsync(string refreshToken)
    {
        try
        {
            return await api.Send(new RefreshSessionCommand(refreshToken));
        }
        catch (ProblemException)
        {
            return null;
        }
    }
}
