using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// The server side of one browser session: the user's Biscuit pair. Refresh tokens are single-use,
/// so refreshing is serialized per session: of several tabs (circuits) that find the access token
/// about to expire, one refreshes and the others use what it got.
/// </summary>
public sealed class DashboardSession(string id, LoginResponse tokens)
{
    /// <summary>Refresh this long before the access token expires, so a request never carries an expired one.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private Task<bool>? _refreshing;

    public string Id { get; } = id;

    public LoginResponse Tokens { get; private set; } = tokens;

    /// <summary>Set once a refresh was refused: the session is over and the user logs in again.</summary>
    public bool Ended { get; private set; }

    public void End() => Ended = true;

    /// <summary>
    /// Makes sure the access token is good for at least <see cref="RefreshMargin"/>; <paramref name="force"/>
    /// refreshes anyway (new organization roles are only in a freshly minted token). Callers that arrive
    /// while a refresh runs wait for that one instead of spending the refresh token a second time.
    /// </summary>
    /// <returns>False when the session could not be refreshed (it has ended).</returns>
    public Task<bool> EnsureFreshAsync(Func<string, Task<LoginResponse?>> refresh, DateTime now, bool force = false)
    {
        var seen = Tokens;
        if (Ended || (!force && seen.AccessTokenExpiration - now > RefreshMargin))
        {
            return Task.FromResult(!Ended);
        }

        lock (_lock)
        {
            if (_refreshing is { } running)
            {
                return running;
            }

            if (Ended || !ReferenceEquals(Tokens, seen))
            {
                return Task.FromResult(!Ended); // another circuit refreshed (or ended it) meanwhile
            }

            return _refreshing = RefreshAsync(seen, refresh);
        }
    }

    private async Task<bool> RefreshAsync(LoginResponse seen, Func<string, Task<LoginResponse?>> refresh)
    {
        await Task.Yield(); // so that _refreshing is set before this completes
        LoginResponse? fresh = null;
        var answered = false;
        try
        {
            fresh = await refresh(seen.RefreshToken);
            answered = true;
            return fresh is not null;
        }
        finally
        {
            lock (_lock)
            {
                // A refused refresh ends the session; a failure to ask (the database is away) does not.
                if (fresh is not null)
                {
                    Tokens = fresh;
                }
                else if (answered)
                {
                    Ended = true;
                }

                _refreshing = null;
            }
        }
    }
}
